import type { SchemaObject } from '@nestjs/swagger';
import { WEBHOOK_HTTP_METHODS, WEBHOOK_ORDERINGS } from '@validity/contracts';
import {
  ANY_JSON,
  CHANGE_LOGGED,
  CHANGE_LOGGED_FILTERS,
  CUSTOM_FIELDS,
  filterQuery,
  NETBOX_DATETIME,
  netboxObject,
  NO_CUSTOM_FIELDS,
  NO_TAGS,
  schemaRef,
  writableSchemas,
  type QueryParameter,
} from '@validity/platform/netbox-api';
import { REQUIRED_WEBHOOK_FIELDS } from '../input/webhook.input';
import { WEBHOOK_CONTENT_TYPES } from '../domain/webhook';

const CONTENT_TYPES: SchemaObject = {
  type: 'array',
  items: { type: 'string', enum: [...WEBHOOK_CONTENT_TYPES] },
};

/** The delivery options of issue 18 (extensions), the same when written and read. */
const DELIVERY_OPTION_FIELDS: Record<string, SchemaObject> = {
  ordering: {
    type: 'string',
    enum: [...WEBHOOK_ORDERINGS],
    description: 'per_object: one object (topic key) at a time, in event order (extension)',
  },
  rate_limit_per_second: {
    type: 'integer',
    minimum: 1,
    maximum: 100000,
    nullable: true,
    description: 'Requests per second over every dispatcher instance; null = unlimited (extension)',
  },
  client_cert_path: {
    type: 'string',
    maxLength: 4096,
    nullable: true,
    description: "PEM client certificate on the dispatcher's host, for mTLS (extension)",
  },
  client_key_path: {
    type: 'string',
    maxLength: 4096,
    nullable: true,
    description: "PEM private key of client_cert_path on the dispatcher's host (extension)",
  },
  asymmetric_signature: {
    type: 'boolean',
    description:
      'Also sign with an Ed25519 key (Standard Webhooks v1a); the public key is at /api/extras/webhook-deliveries/signing-keys/{webhook_id}/ (extension)',
  },
};

/** The writable fields as `WebhookInput` reads them; unknown and read-only keys are ignored, as in DRF. */
const WRITABLE_WEBHOOK_FIELDS: Record<string, SchemaObject> = {
  content_types: CONTENT_TYPES,
  name: { type: 'string', minLength: 1, maxLength: 150 },
  type_create: { type: 'boolean' },
  type_update: { type: 'boolean' },
  type_delete: { type: 'boolean' },
  type_job_start: { type: 'boolean' },
  type_job_end: { type: 'boolean' },
  payload_url: { type: 'string', minLength: 1, maxLength: 500 },
  enabled: { type: 'boolean' },
  http_method: { type: 'string', enum: [...WEBHOOK_HTTP_METHODS] },
  http_content_type: { type: 'string', minLength: 1, maxLength: 100 },
  additional_headers: { type: 'string' },
  body_template: { type: 'string' },
  secret: { type: 'string', maxLength: 255 },
  conditions: { ...ANY_JSON, description: 'NetBox ConditionSet, or null for none' },
  ssl_verification: { type: 'boolean' },
  ca_file_path: { type: 'string', maxLength: 4096, nullable: true },
  timeout: {
    type: 'integer',
    minimum: 1,
    maximum: 3600,
    nullable: true,
    description: 'Seconds the dispatcher waits for the receiver; null = its default (extension)',
  },
  ...DELIVERY_OPTION_FIELDS,
  custom_fields: CUSTOM_FIELDS,
  tags: NO_TAGS,
  description: { type: 'string', maxLength: 200, description: 'NetBox 4.6 mode only (ignored in 3.6 mode)' },
};

/** Issue 18's read-only delivery state (ignored in request bodies, like every read-only key). */
const DELIVERY_STATE_FIELDS: Record<string, SchemaObject> = {
  secret_rotated_at: {
    ...NETBOX_DATETIME,
    nullable: true,
    readOnly: true,
    description: 'When `secret` last changed (null: never). The replaced secret is never shown.',
  },
  secret_overlap_ends: {
    ...NETBOX_DATETIME,
    nullable: true,
    readOnly: true,
    description:
      'Until when the replaced secret still signs beside the new one (`webhook-signature` carries both; WEBHOOK_SECRET_OVERLAP); null: no overlap',
  },
  disabled_reason: {
    type: 'string',
    readOnly: true,
    description:
      "Why the system disabled the webhook (its receiver answered 410 Gone, or every attempt failed for WEBHOOK_AUTO_DISABLE_AFTER); '' when it did not. Enabling the webhook clears it.",
  },
};

/**
 * The webhook's schemas: `webhookRepresentation` and `briefWebhookRepresentation` exactly, and the
 * bodies `WebhookInput` / `readBulkTargets` accept.
 */
export const WEBHOOK_SCHEMAS: Record<string, SchemaObject> = {
  Webhook: netboxObject({
    content_types: CONTENT_TYPES,
    name: { type: 'string' },
    type_create: { type: 'boolean' },
    type_update: { type: 'boolean' },
    type_delete: { type: 'boolean' },
    type_job_start: { type: 'boolean' },
    type_job_end: { type: 'boolean' },
    payload_url: { type: 'string' },
    enabled: { type: 'boolean' },
    http_method: { type: 'string', enum: [...WEBHOOK_HTTP_METHODS] },
    http_content_type: { type: 'string' },
    additional_headers: { type: 'string' },
    body_template: { type: 'string' },
    secret: { type: 'string' },
    conditions: ANY_JSON,
    ssl_verification: { type: 'boolean' },
    ca_file_path: { type: 'string', nullable: true },
    timeout: { type: 'integer', minimum: 1, maximum: 3600, nullable: true },
    ...DELIVERY_OPTION_FIELDS,
    ...DELIVERY_STATE_FIELDS,
    custom_fields: NO_CUSTOM_FIELDS,
    tags: NO_TAGS,
    ...CHANGE_LOGGED,
  }),
  BriefWebhook: netboxObject({ name: { type: 'string' } }),
  ...writableSchemas('Webhook', WRITABLE_WEBHOOK_FIELDS, REQUIRED_WEBHOOK_FIELDS, { bulk: true }),
};

/** NetBox 3.6's form, or 4.6's when `NETBOX_API_VERSION` is 4.6 (`webhook-46.openapi.ts`). */
export const WEBHOOK = { anyOf: [schemaRef('Webhook'), schemaRef('Webhook46')] };
export const BRIEF_WEBHOOK = { anyOf: [schemaRef('BriefWebhook'), schemaRef('BriefWebhook46')] };

/** `WEBHOOK_FILTERS`' parameters with the type of value each one reads (lookups not listed). */
export const WEBHOOK_FILTERS: readonly QueryParameter[] = [
  filterQuery('name'),
  filterQuery('payload_url'),
  filterQuery('http_content_type'),
  filterQuery('secret'),
  filterQuery('ca_file_path'),
  ...['type_create', 'type_update', 'type_delete', 'type_job_start', 'type_job_end'].map((name) =>
    filterQuery(name, { type: 'boolean' }),
  ),
  filterQuery('enabled', { type: 'boolean' }),
  filterQuery('ssl_verification', { type: 'boolean' }),
  filterQuery('http_method', { type: 'string', enum: [...WEBHOOK_HTTP_METHODS] }),
  filterQuery('content_types'),
  filterQuery('content_type_id', { type: 'integer' }),
  filterQuery('tag'),
  ...CHANGE_LOGGED_FILTERS,
  filterQuery('q'),
];
