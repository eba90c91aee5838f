import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

/** A schema as written in an OpenAPI 3.0 document: inline, or a `$ref` to `components.schemas`. */
export type Schema = SchemaObject | ReferenceObject;

/** `$ref` to a component schema; `serveOpenApiDocument` refuses to start when one does not resolve. */
export function schemaRef(name: string): ReferenceObject {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * An object exactly as a representation function builds it: every listed key is always present and no
 * other key ever is, so a response that grows, loses or renames a key fails `response_schema_conformance`.
 * Keys that are only sometimes emitted go in `optional`.
 */
export function exactObject(
  properties: Record<string, Schema>,
  { optional = {}, description }: { optional?: Record<string, Schema>; description?: string } = {},
): SchemaObject {
  return {
    type: 'object',
    ...(description === undefined ? {} : { description }),
    properties: { ...properties, ...optional },
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/** OpenAPI 3.0 spells "or null" as `nullable`, which a `$ref` cannot carry beside it. */
export function nullable(schema: Schema): SchemaObject {
  return '$ref' in schema ? { allOf: [schema], nullable: true } : { ...schema, nullable: true };
}

/** NetBox's list body (`OptionalLimitOffsetPagination`): `next`/`previous` are absolute URLs or null. */
export function paginatedList(item: Schema): SchemaObject {
  return exactObject({
    count: { type: 'integer', minimum: 0 },
    next: nullable(ABSOLUTE_URL),
    previous: nullable(ABSOLUTE_URL),
    results: { type: 'array', items: item },
  });
}

/** A JSON array of items: bulk bodies and bulk answers. */
export function listOf(item: Schema): SchemaObject {
  return { type: 'array', items: item };
}

/** The full representation, or with `?brief=1` the nested one. */
export function fullOrBrief(full: Schema, brief: Schema): SchemaObject {
  return { anyOf: [full, brief] };
}

/** REST datetimes: Python's isoformat in UTC with `Z`, microseconds when there are any. */
export const NETBOX_DATETIME: SchemaObject = {
  type: 'string',
  format: 'date-time',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?Z$',
};

/** `url` fields, `next`/`previous`: absolute, built from the request's (or the gateway's) origin. */
export const ABSOLUTE_URL: SchemaObject = { type: 'string', format: 'uri' };

export const OBJECT_ID: SchemaObject = { type: 'integer', minimum: 1 };

/**
 * A NetBox representation exactly (`exactObject`): `id`, `url` and `display` first, as every NetBox
 * serializer starts, then the object's own fields (a field named here again keeps its place and takes
 * the new schema).
 */
export function netboxObject(
  fields: Record<string, Schema>,
  options?: { optional?: Record<string, Schema>; description?: string },
): SchemaObject {
  return exactObject({ id: OBJECT_ID, url: ABSOLUTE_URL, display: { type: 'string' }, ...fields }, options);
}

/** The change-logging times a NetBox model ends with. */
export const CHANGE_LOGGED: Record<'created' | 'last_updated', SchemaObject> = {
  created: NETBOX_DATETIME,
  last_updated: NETBOX_DATETIME,
};

/** NetBox fields this system keeps empty (it has no tags, no custom fields on the object, no owners). */
export const NO_TAGS: SchemaObject = {
  type: 'array',
  maxItems: 0,
  items: {},
  description: 'This system has no tags',
};
export const NO_CUSTOM_FIELDS: SchemaObject = {
  type: 'object',
  maxProperties: 0,
  description: 'This system has no custom fields',
};
export const NO_OWNER: SchemaObject = {
  type: 'object',
  nullable: true,
  description: 'Always null: this system has no owners',
};

/** A JSON value of any type, null included (OpenAPI 3.0 needs `nullable` to admit null). */
export const ANY_JSON: SchemaObject = { nullable: true };

/** NetBox's `custom_fields`: a JSON object. */
export const CUSTOM_FIELDS: SchemaObject = { type: 'object', additionalProperties: true };

/**
 * A resource's request bodies as component schemas: `Writable<Name>` (POST and PUT, with its `required`
 * fields), `PatchedWritable<Name>` (PATCH, every field optional) and, with `bulk`, NetBox's bulk items,
 * each with its `id`: `BulkWritable<Name>`, `PatchedBulkWritable<Name>` and `Bulk<Name>Id` (DELETE).
 */
export function writableSchemas(
  name: string,
  fields: Record<string, Schema>,
  required: readonly string[],
  { bulk = false }: { bulk?: boolean } = {},
): Record<string, SchemaObject> {
  const schemas: Record<string, SchemaObject> = {
    [`Writable${name}`]: { type: 'object', properties: fields, required: [...required] },
    [`PatchedWritable${name}`]: { type: 'object', properties: fields },
  };
  if (!bulk) return schemas;
  const id = { id: { type: 'integer' } } satisfies Record<string, SchemaObject>;
  return {
    ...schemas,
    [`BulkWritable${name}`]: {
      type: 'object',
      properties: { ...id, ...fields },
      required: ['id', ...required],
    },
    [`PatchedBulkWritable${name}`]: { type: 'object', properties: { ...id, ...fields }, required: ['id'] },
    [`Bulk${name}Id`]: { type: 'object', properties: id, required: ['id'] },
  };
}
