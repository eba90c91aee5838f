import type { SchemaObject } from '@nestjs/swagger';
import {
  CHANGE_LOGGED,
  CHANGE_LOGGED_FILTERS,
  exactObject,
  filterQuery,
  netboxObject,
  schemaRef,
  writableSchemas,
  type QueryParameter,
} from '@validity/platform/netbox-api';

const WRITABLE_SOURCE_FIELDS: Record<string, SchemaObject> = {
  name: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[-a-zA-Z0-9_]+$' },
  description: { type: 'string', maxLength: 200 },
  secret: { type: 'string', minLength: 1, maxLength: 255 },
  enabled: { type: 'boolean' },
  netbox_url: { type: 'string', maxLength: 500, description: 'Base URL of the NetBox, or empty' },
};

export const SOURCE_SCHEMAS: Record<string, SchemaObject> = {
  IngestSource: netboxObject({
    name: { type: 'string' },
    description: { type: 'string' },
    enabled: { type: 'boolean' },
    netbox_url: { type: 'string' },
    secret: { type: 'string', description: 'In clear only in the answer to the write that set it' },
    ...CHANGE_LOGGED,
  }),
  BriefIngestSource: netboxObject({ name: { type: 'string' } }),
  ...writableSchemas('IngestSource', WRITABLE_SOURCE_FIELDS, ['name', 'secret']),
  IngestAccepted: exactObject({
    detail: { type: 'string' },
    event_id: { type: 'string', format: 'uuid' },
    topic: { type: 'string' },
    duplicate: { type: 'boolean', description: 'True when this body was already published (a retry)' },
  }),
};

export const SOURCE = schemaRef('IngestSource');
export const SOURCE_FILTERS: readonly QueryParameter[] = [
  filterQuery('name'),
  filterQuery('description'),
  filterQuery('netbox_url'),
  filterQuery('enabled', { type: 'boolean' }),
  ...CHANGE_LOGGED_FILTERS,
  filterQuery('q'),
];
