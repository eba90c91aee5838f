import type { JsonValue } from '../json-value';

export type JsonSchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/**
 * The part of JSON Schema (draft-07, which AsyncAPI 3.0's Schema Object extends) this document uses.
 * Kept small on purpose: every keyword here is one a consumer's validator and the project's own spec
 * checker both understand, and nothing is described in a keyword that checks nothing.
 */
export interface JsonSchema {
  /** Only local references (`#/components/schemas/...`); no other keyword may sit beside it. */
  $ref?: string;
  title?: string;
  description?: string;
  type?: JsonSchemaType | JsonSchemaType[];
  const?: JsonValue;
  enum?: JsonValue[];
  /** An annotation for code generators; `pattern` is what constrains the value. */
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  /** Listed in wire order: the keys of the object appear in this order. */
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  maxProperties?: number;
  items?: JsonSchema;
  uniqueItems?: boolean;
  maxItems?: number;
  oneOf?: JsonSchema[];
  examples?: JsonValue[];
}

/** A reference to a schema in `components.schemas`. */
export function schemaRef(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * An object schema whose keys are exactly `properties`, all present, in that order: what this system's
 * serializers write for a fixed representation.
 */
export function exactObject(description: string, properties: Record<string, JsonSchema>): JsonSchema {
  return {
    type: 'object',
    description,
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}
