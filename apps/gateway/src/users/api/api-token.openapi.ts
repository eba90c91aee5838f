import type { SchemaObject } from '@nestjs/swagger';
import {
  ABSOLUTE_URL,
  exactObject,
  filterQuery,
  NETBOX_DATETIME,
  netboxObject,
  nullable,
  OBJECT_ID,
  schemaRef,
  type QueryParameter,
} from '@validity/platform/netbox-api';

const TOKEN_FIELDS: Record<string, SchemaObject> = {
  id: OBJECT_ID,
  url: ABSOLUTE_URL,
  display: { type: 'string', description: 'The key masked but for its last six characters' },
  user: netboxObject({ username: { type: 'string' } }),
  created: NETBOX_DATETIME,
  expires: nullable(NETBOX_DATETIME),
  last_used: nullable(NETBOX_DATETIME),
};

const TOKEN_KEY: SchemaObject = { type: 'string', minLength: 40, maxLength: 40 };

/** What `ApiTokenInput` reads (NetBox 3.6 TokenSerializer's writable fields). */
const WRITABLE_TOKEN_FIELDS: Record<string, SchemaObject> = {
  user: {
    description: 'An id, `{"id": n}` or `{"username": "x"}`; absent = the requesting user',
    anyOf: [
      { type: 'integer' },
      { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
      { type: 'object', properties: { username: { type: 'string' } }, required: ['username'] },
    ],
  },
  key: TOKEN_KEY,
  expires: { type: 'string', format: 'date-time', nullable: true },
  write_enabled: { type: 'boolean' },
  description: { type: 'string', maxLength: 200 },
};

/**
 * `apiTokenRepresentation` exactly: the key only in the answer that creates the token (it is stored as a
 * hash), and the brief form.
 */
export const API_TOKEN_SCHEMAS: Record<string, SchemaObject> = {
  Token: exactObject({
    ...TOKEN_FIELDS,
    write_enabled: { type: 'boolean' },
    description: { type: 'string' },
  }),
  CreatedToken: exactObject({
    ...TOKEN_FIELDS,
    key: TOKEN_KEY,
    write_enabled: { type: 'boolean' },
    description: { type: 'string' },
  }),
  BriefToken: netboxObject({}),
  WritableToken: { type: 'object', properties: WRITABLE_TOKEN_FIELDS },
};

export const TOKEN = schemaRef('Token');
/** `TOKEN_FILTERS`' parameters (lookups not listed). */
export const TOKEN_FILTERS: readonly QueryParameter[] = [
  filterQuery('user_id', { type: 'integer' }),
  filterQuery('user'),
  filterQuery('key'),
  filterQuery('write_enabled', { type: 'boolean' }),
  filterQuery('description'),
  filterQuery('created', { type: 'string', format: 'date-time' }),
  filterQuery('expires', { type: 'string', format: 'date-time' }),
  filterQuery('q'),
];
