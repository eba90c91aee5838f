import { WEBHOOK_HTTP_METHODS, type WebhookHttpMethod } from '@validity/contracts';
import {
  booleanField,
  charField,
  choiceField,
  DrfField,
  integerField,
  tagsField,
} from '@validity/platform/netbox-api';
import { parseWebhookName, webhookCustomFieldsField } from './webhook.input';

/** Keys a create or full update must carry in NetBox 4.6 (the triggers are the event rule's). */
export const REQUIRED_WEBHOOK_46_FIELDS = ['name', 'payload_url'] as const;

/**
 * Body of POST/PUT/PATCH `/api/extras/webhooks/` when the API speaks NetBox 4.6: its WebhookSerializer's
 * writable fields. The 3.6 trigger keys (`content_types`, `type_*`, `enabled`, `conditions`) are not
 * declared, so they are ignored as NetBox 3.7+ ignores them; a webhook's triggers change only through
 * its event rule.
 */
export class Webhook46Input {
  @DrfField(parseWebhookName)
  name?: string;

  @DrfField(charField({ maxLength: 200, allowBlank: true }))
  description?: string;

  @DrfField(charField({ maxLength: 500 }))
  payload_url?: string;

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

  @DrfField(booleanField)
  ssl_verification?: boolean;

  @DrfField(charField({ maxLength: 4096, allowBlank: true, allowNull: true }))
  ca_file_path?: string | null;

  @DrfField(integerField({ min: 1, max: 3600, allowNull: true }))
  timeout?: number | null;

  @DrfField(webhookCustomFieldsField)
  custom_fields?: Record<string, unknown>;

  @DrfField(tagsField)
  tags?: never[];
}
