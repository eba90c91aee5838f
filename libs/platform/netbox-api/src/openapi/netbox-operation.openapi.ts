import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import type { NetBoxErrorStatus } from '../errors/netbox-api.error';
import { schemaRef, type Schema } from './openapi-schema';

/** A query parameter of a NetBox route; every one is optional. */
export interface QueryParameter {
  name: string;
  schema: SchemaObject;
  description?: string;
}

/** `limit`/`offset` as `parsePagination` reads them, and `brief` as `isBrief` does. */
export const LIST_QUERY: readonly QueryParameter[] = [
  { name: 'limit', schema: { type: 'integer', minimum: 0 }, description: '0 = the maximum, 1000' },
  { name: 'offset', schema: { type: 'integer', minimum: 0 } },
];

export const BRIEF_QUERY: QueryParameter = {
  name: 'brief',
  schema: { type: 'boolean' },
  description: 'The nested representation instead of the full one',
};

/** A NetBox filter taking one value (repeat it for OR); lookups such as `__ic` are not listed. */
export function filterQuery(name: string, schema: SchemaObject = { type: 'string' }): QueryParameter {
  return { name, schema };
}

/** The filters on the change-logging times (`created`, `last_updated`, each with `__gte`... lookups). */
export const CHANGE_LOGGED_FILTERS: readonly QueryParameter[] = [
  filterQuery('created', { type: 'string', format: 'date-time' }),
  filterQuery('last_updated', { type: 'string', format: 'date-time' }),
];

export interface NetBoxOperationSpec {
  summary: string;
  query?: readonly QueryParameter[];
  /** The JSON request body, for methods that read one. */
  body?: Schema;
  /** The success status and its body (`null` for 204 No Content); none for a route that only refuses. */
  success?: {
    status: 200 | 201 | 204;
    schema: Schema | null;
    description?: string;
    /**
     * Operation ids (Nest's `<Controller>_<method>`) of the detail routes that take this answer's `id`
     * as their `{id}`: OpenAPI links, which let clients and schemathesis's stateful phase go from a
     * created object to its detail routes instead of guessing ids.
     */
    links?: readonly string[];
  };
  /**
   * The error statuses this operation can answer, each with NetBox's body (see `netboxErrorResponseFor`).
   * 403 (missing, invalid or read-only token) applies to every authenticated operation.
   */
  errors: readonly NetBoxErrorStatus[];
}

const ERROR_DESCRIPTIONS: Record<NetBoxErrorStatus, string> = {
  400: 'Invalid input: field errors (per item for a bulk request), or a body that is not JSON',
  403: 'Missing, invalid or expired token, or a read-only token on a write',
  404: 'No such object',
  405: 'Method not allowed on this route',
  409: 'The object was changed by another request (optimistic concurrency); reload and retry',
  413: 'Request body over the JSON limit',
  415: 'Request body that is not `application/json`',
  429: 'Too many requests from this sender; `Retry-After` says when to try again',
  503: 'A dependency (Kafka) did not answer in time; nothing was accepted, retry later (`Retry-After`)',
};

/**
 * Documents one NetBox REST operation: query parameters, request body, the success response and every
 * error response with its real body. One decorator per handler keeps what a handler answers next to it.
 */
export function ApiNetBoxOperation(spec: NetBoxOperationSpec): MethodDecorator {
  const { success } = spec;
  return applyDecorators(
    ApiOperation({ summary: spec.summary }),
    ...(spec.query ?? []).map((parameter) =>
      ApiQuery({
        name: parameter.name,
        required: false,
        schema: parameter.schema,
        ...(parameter.description === undefined ? {} : { description: parameter.description }),
      }),
    ),
    ...(spec.body === undefined ? [] : [ApiBody({ required: true, schema: spec.body })]),
    ...(success === undefined ? [] : [successResponse(success)]),
    ...spec.errors.map((status) =>
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status],
        schema: schemaRef(status === 400 ? 'NetBoxBadRequest' : 'NetBoxDetail'),
      }),
    ),
  );
}

function successResponse({
  status,
  schema,
  description,
  links = [],
}: NonNullable<NetBoxOperationSpec['success']>) {
  if (schema === null) return ApiResponse({ status, description: description ?? 'No content' });
  return ApiResponse({
    status,
    description: description ?? 'OK',
    schema,
    ...(links.length === 0
      ? {}
      : {
          links: Object.fromEntries(
            links.map((operationId) => [
              operationId,
              { operationId, parameters: { id: '$response.body#/id' } },
            ]),
          ),
        }),
  });
}
