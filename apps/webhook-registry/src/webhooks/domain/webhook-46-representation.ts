import { restDateTime, type JsonObject } from '@validity/contracts';
import type { Webhook } from './webhook';
import { webhookPath } from './webhook-representation';

/** NetBox's UI path of a webhook (4.1+'s `display_url`), made absolute as `url` is. */
function webhookDisplayPath(id: number): string {
  return `/extras/webhooks/${id}/`;
}

/**
 * NetBox 4.6's WebhookSerializer output, in its key order: no trigger fields (they are the webhook's event
 * rule's, `/api/extras/event-rules/`), `description`, `owner` (4.5+, always null: no owners here), and
 * the `timeout` extension where NetBox 4.7 puts it.
 */
export function webhook46Representation(webhook: Webhook, urlFor: (path: string) => string): JsonObject {
  return {
    id: webhook.id,
    url: urlFor(webhookPath(webhook.id)),
    display_url: urlFor(webhookDisplayPath(webhook.id)),
    display: webhook.name,
    name: webhook.name,
    description: webhook.description,
    payload_url: webhook.payload_url,
    http_method: webhook.http_method,
    http_content_type: webhook.http_content_type,
    additional_headers: webhook.additional_headers,
    body_template: webhook.body_template,
    secret: webhook.secret,
    ssl_verification: webhook.ssl_verification,
    ca_file_path: webhook.ca_file_path,
    timeout: webhook.timeout,
    custom_fields: {},
    owner: null,
    tags: [],
    created: restDateTime(webhook.created.date, webhook.created.micros),
    last_updated: restDateTime(webhook.lastUpdated.date, webhook.lastUpdated.micros),
  };
}

/** `?brief=1` in NetBox 4.x: `id, url, display, name, description`. */
export function briefWebhook46Representation(webhook: Webhook, urlFor: (path: string) => string): JsonObject {
  return {
    id: webhook.id,
    url: urlFor(webhookPath(webhook.id)),
    display: webhook.name,
    name: webhook.name,
    description: webhook.description,
  };
}
