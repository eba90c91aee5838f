import {
  maskedHeaderValues,
  maskedSecret,
  maskedUrlPassword,
  restDateTime,
  snapshotDateTime,
  webhookContentTypeId,
  type JsonObject,
  type WebhookDefinition,
} from '@validity/contracts';
import type { Webhook } from './webhook';

/** The path of a webhook, relative as in event data; REST makes it absolute. */
export function webhookPath(id: number): string {
  return `/api/extras/webhooks/${id}/`;
}

/**
 * NetBox 3.6's WebhookSerializer output, in its key order, with `timeout` where NetBox 4.7 puts it
 * (after `ca_file_path`). There are no custom fields or tags in this system, so those are always empty.
 * `url` is what `urlFor` makes of the path: absolute in REST answers, relative in events.
 */
export function webhookRepresentation(webhook: Webhook, urlFor: (path: string) => string): JsonObject {
  return {
    id: webhook.id,
    url: urlFor(webhookPath(webhook.id)),
    display: webhook.name,
    content_types: [...webhook.content_types],
    name: webhook.name,
    ...modelFields(webhook),
    ...deliveryStateFields(webhook),
    custom_fields: {},
    tags: [],
    created: restDateTime(webhook.created.date, webhook.created.micros),
    last_updated: restDateTime(webhook.lastUpdated.date, webhook.lastUpdated.micros),
  };
}

/** `?brief=1`: NetBox's NestedWebhookSerializer. */
export function briefWebhookRepresentation(webhook: Webhook, urlFor: (path: string) => string): JsonObject {
  return { id: webhook.id, url: urlFor(webhookPath(webhook.id)), display: webhook.name, name: webhook.name };
}

/**
 * Event `data`: the representation with a relative `url` (NetBox serializes events without a request),
 * secrets masked: public topics are read by anyone the cluster lets in, and an event about a webhook
 * may itself be delivered to another webhook's receiver.
 */
export function publicWebhookData(webhook: Webhook): JsonObject {
  return withSecretsMasked(
    webhookRepresentation(webhook, (path) => path),
    webhook,
  );
}

/**
 * The webhook's secrets masked in a representation, keys in place: `secret`, every value of
 * `additional_headers` (where receivers' API keys go; the names stay, so a reader sees what is sent),
 * and a password in `payload_url`'s `user:password@`. For public topics and read-only tokens.
 */
export function withSecretsMasked(representation: JsonObject, webhook: Webhook): JsonObject {
  if (!('secret' in representation)) return representation;
  return {
    ...representation,
    payload_url: maskedUrlPassword(webhook.payload_url),
    additional_headers: maskedHeaderValues(webhook.additional_headers),
    secret: maskedSecret(webhook.secret),
  };
}

/**
 * NetBox's `serialize_object()` of a Webhook: Django's model serializer fields in model order (the
 * change-logging datetimes first, as mixin fields, then the webhook's own, then the many-to-many
 * `content_types` as ContentType ids), `custom_fields` and sorted tag names last; millisecond datetimes.
 * The order is inferred from NetBox 3.6's model and Django's serializer, not observed.
 */
export function webhookSnapshot(webhook: Webhook): JsonObject {
  return {
    created: snapshotDateTime(webhook.created.date, webhook.created.micros),
    last_updated: snapshotDateTime(webhook.lastUpdated.date, webhook.lastUpdated.micros),
    name: webhook.name,
    ...modelFields(webhook),
    payload_url: maskedUrlPassword(webhook.payload_url),
    additional_headers: maskedHeaderValues(webhook.additional_headers),
    secret: maskedSecret(webhook.secret),
    content_types: webhook.content_types.map((name) => webhookContentTypeId(name)!),
    custom_fields: {},
    tags: [],
  };
}

/** The full definition for the dispatcher's internal topic, secret included. */
export function webhookDefinition(webhook: Webhook): WebhookDefinition {
  return {
    id: webhook.id,
    name: webhook.name,
    content_types: [...webhook.content_types],
    ...modelFields(webhook),
    created: restDateTime(webhook.created.date, webhook.created.micros),
    last_updated: restDateTime(webhook.lastUpdated.date, webhook.lastUpdated.micros),
    // Only when set, so definitions of webhooks without an event rule stay as they were.
    ...(webhook.event_rule && webhook.event_rule.action_data !== null
      ? { action_data: webhook.event_rule.action_data }
      : {}),
    ...(webhook.description !== '' ? { description: webhook.description } : {}),
    ...(webhook.event_rule ? { event_rule: webhook.event_rule } : {}),
    previous_secret: webhook.previous_secret,
    previous_secret_expires: isoOrNull(webhook.previous_secret_expires),
    secret_rotated_at: isoOrNull(webhook.secret_rotated_at),
    disabled_reason: webhook.disabled_reason,
  };
}

/**
 * The read-only delivery state (issue 18) as the API and events show it: when the secret last changed,
 * until when the replaced one still signs (never the replaced secret itself), and why the system
 * disabled the webhook.
 */
function deliveryStateFields(webhook: Webhook) {
  return {
    secret_rotated_at: isoOrNull(webhook.secret_rotated_at),
    secret_overlap_ends: webhook.previous_secret === '' ? null : isoOrNull(webhook.previous_secret_expires),
    disabled_reason: webhook.disabled_reason,
  };
}

/** A stored datetime as a REST datetime (PostgreSQL's microseconds arrive as milliseconds). */
function isoOrNull(date: Date | null): string | null {
  return date === null ? null : restDateTime(date, date.getUTCMilliseconds() * 1000);
}

/**
 * The webhook's own fields in model order, the run every form shares (each adds its own keys around
 * it). A later key of the same name (the masked secret) keeps this position, as wire order requires.
 */
function modelFields(webhook: Webhook) {
  return {
    type_create: webhook.type_create,
    type_update: webhook.type_update,
    type_delete: webhook.type_delete,
    type_job_start: webhook.type_job_start,
    type_job_end: webhook.type_job_end,
    payload_url: webhook.payload_url,
    enabled: webhook.enabled,
    http_method: webhook.http_method,
    http_content_type: webhook.http_content_type,
    additional_headers: webhook.additional_headers,
    body_template: webhook.body_template,
    secret: webhook.secret,
    conditions: webhook.conditions,
    ssl_verification: webhook.ssl_verification,
    ca_file_path: webhook.ca_file_path,
    timeout: webhook.timeout,
    ordering: webhook.ordering,
    rate_limit_per_second: webhook.rate_limit_per_second,
    client_cert_path: webhook.client_cert_path,
    client_key_path: webhook.client_key_path,
    asymmetric_signature: webhook.asymmetric_signature,
  };
}
