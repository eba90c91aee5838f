import {
  WEBHOOK_HTTP_METHODS,
  WEBHOOK_ORDERINGS,
  type JsonValue,
  type WebhookHttpMethod,
  type WebhookOrdering,
} from '@validity/contracts';
import {
  booleanField,
  charField,
  choiceField,
  contentTypesField,
  customFieldsField,
  DrfField,
  integerField,
  jsonField,
  tagsField,
} from '@validity/platform/netbox-api';
import { WEBHOOK_CONTENT_TYPES } from '../domain/webhook';

/** DRF's `name` field, also used on its own: NetBox checks the name's uniqueness even when other fields fail. */
export const parseWebhookName = charField({ maxLength: 150 });

/**
 * The registry's `custom_fields`: its 400 for a non-dictionary has always been this shorter text (NetBox
 * 3.6 adds "mapping field names to their values"); clients and tests read it as it is.
 */
export const webhookCustomFieldsField = customFieldsField(
  'Invalid data format. Custom field data must be passed as a dictionary.',
);

/** Keys a create or full update must carry (DRF: `This field is required.`). */
export const REQUIRED_WEBHOOK_FIELDS = ['content_types', 'name', 'payload_url'] as const;

/**
 * Body of POST/PUT/PATCH `/api/extras/webhooks/`: NetBox 3.6 WebhookSerializer's writable fields, in its
 * order, each parsed as DRF parses it (stage 1 of NetBox's validation); plus `timeout`. Keys not declared
 * here (`id`, `url`, `display`, `created`, ...) are dropped, as DRF ignores unknown and read-only keys.
 */
export class WebhookInput {
  @DrfField(contentTypesField(WEBHOOK_CONTENT_TYPES))
  content_types?: string[];

  @DrfField(parseWebhookName)
  name?: string;

  @DrfField(booleanField)
  type_create?: boolean;

  @DrfField(booleanField)
  type_update?: boolean;

  @DrfField(booleanField)
  type_delete?: boolean;

  @DrfField(booleanField)
  type_job_start?: boolean;

  @DrfField(booleanField)
  type_job_end?: boolean;

  @DrfField(charField({ maxLength: 500 }))
  payload_url?: string;

  @DrfField(booleanField)
  enabled?: boolean;

  @DrfField(choiceField(WEBHOOK_HTTP_METHODS))
  http_method?: WebhookHttpMethod;

  @DrfField(charField({ maxLength: 100 }))
  http_content_type?: string;

  @DrfField(charField({ allowBlank: true }))
  additional_headers?: string;

  @DrfField(charField({ allowBlank: true }))
  body_template?: string;

  @DrfField(charField({ maxLength: 255, allowBlank: true }))
  secret?: string;

  @DrfField(jsonField)
  conditions?: JsonValue;

  @DrfField(booleanField)
  ssl_verification?: boolean;

  @DrfField(charField({ maxLength: 4096, allowBlank: true, allowNull: true }))
  ca_file_path?: string | null;

  @DrfField(integerField({ min: 1, max: 3600, allowNull: true }))
  timeout?: number | null;

  @DrfField(choiceField(WEBHOOK_ORDERINGS))
  ordering?: WebhookOrdering;

  @DrfField(integerField({ min: 1, max: 100_000, allowNull: true }))
  rate_limit_per_second?: number | null;

  @DrfField(charField({ maxLength: 4096, allowBlank: true, allowNull: true }))
  client_cert_path?: string | null;

  @DrfField(charField({ maxLength: 4096, allowBlank: true, allowNull: true }))
  client_key_path?: string | null;

  @DrfField(booleanField)
  asymmetric_signature?: boolean;

  @DrfField(webhookCustomFieldsField)
  custom_fields?: Record<string, unknown>;

  @DrfField(tagsField)
  tags?: never[];
}
