import type { SchemaObject } from '@nestjs/swagger';
import { WEBHOOK_HTTP_METHODS } from '@validity/contracts';
import {
  ABSOLUTE_URL,
  CHANGE_LOGGED,
  exactObject,
  netboxObject,
  NO_CUSTOM_FIELDS,
  NO_OWNER,
  NO_TAGS,
  OBJECT_ID,
} from '@validity/platform/netbox-api';

/**
 * The webhook as `NETBOX_API_VERSION=4.6` shows it: `webhook46Representation` and
 * `briefWebhook46Representation` exactly (NetBox 4.6's WebhookSerializer, no trigger fields).
 */
export const WEBHOOK_46_SCHEMAS: Record<string, SchemaObject> = {
  Webhook46: exactObject({
    id: OBJECT_ID,
    url: ABSOLUTE_URL,
    display_url: ABSOLUTE_URL,
    display: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    payload_url: { type: 'string' },
    http_method: { type: 'string', enum: [...WEBHOOK_HTTP_METHODS] },
    http_content_type: { type: 'string' },
    additional_headers: { type: 'string' },
    body_template: { type: 'string' },
    secret: { type: 'string' },
    ssl_verification: { type: 'boolean' },
    ca_file_path: { type: 'string', nullable: true },
    timeout: { type: 'integer', minimum: 1, maximum: 3600, nullable: true },
    custom_fields: NO_CUSTOM_FIELDS,
    owner: NO_OWNER,
    tags: NO_TAGS,
    ...CHANGE_LOGGED,
  }),
  BriefWebhook46: netboxObject({ name: { type: 'string' }, description: { type: 'string' } }),
};
