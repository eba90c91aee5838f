import type { SchemaObject } from '@nestjs/swagger';
import {
  ABSOLUTE_URL,
  exactObject,
  filterQuery,
  NETBOX_DATETIME,
  OBJECT_ID,
  schemaRef,
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
  IngestSource: exactObject({
    id: OBJECT_ID,
    url: ABSOLUTE_URL,
    display: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    enabled: { type: 'boolean' },
    netbox_url: { type: 'string' },
    secret: { type: 'string', description: 'In clear only in the answer to the write that set it' },
    created: NETBOX_DATETIME,
    last_updated: NETBOX_DATETIME,
  }),
  BriefIngestSource: exactObject({
    id: OBJECT_ID,
    url: ABSOLUTE_URL,
    display: { type: 'string' },
    name: { type: 'string' },
  }),
  WritableIngestSource: {
    type: 'object',
    properties: WRITABLE_SOURCE_FIELDS,
    required: ['name', 'secret'],
  },
  PatchedWritableIngestSource: { type: 'object', properties: WRITABLE_SOURCE_FIELDS },
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
  filterQuery('created', { type: 'string', format: 'date-time' }),
  filterQuery('last_updated', { type: 'string', format: 'date-time' }),
  filterQuery('q'),
];
