import { v7 as uuidv7 } from 'uuid';
import type { DecodeOutcome } from './decode-outcome';
import { ENVELOPE_CONTENT_TYPE, ENVELOPE_HEADERS } from './envelope-headers';
import type { JsonValue } from './json-value';
import type { OutgoingKafkaMessage } from './kafka-record';
import { WEBHOOK_DEFINITIONS_TOPIC } from './topics';

/** NetBox 3.6's `WebhookHttpMethodChoices`, in its order (case-sensitive). */
export const WEBHOOK_HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type WebhookHttpMethod = (typeof WEBHOOK_HTTP_METHODS)[number];

/**
 * One webhook as the registry publishes it on the compacted internal topic `webhook-registry.webhooks`
 * (key = webhook id as a string), the dispatcher's only source of webhooks. Unlike the public
 * `extras.webhook.*` envelopes, it carries the `secret` in clear, because the dispatcher signs with it;
 * that is why the topic is internal. A tombstone (null value) under the id means the webhook was deleted.
 *
 * Field names and values are those of the NetBox 3.6 REST representation, as stored after validation:
 * strings trimmed as DRF trims them, `content_types` without duplicates. `conditions` is the raw JSON the
 * client saved; a Python-falsy value (`null`, `{}`, `[]`, `""`, `0`, `false`) means "always fire", anything
 * else is a condition set that `@validity/condition-set` parses. `timeout` (seconds, 1-3600, NetBox 4.7's
 * name) is null when the client left it to the dispatcher's default. Datetimes are REST datetimes
 * (`2023-04-12T19:36:33.690567Z`).
 */
export interface WebhookDefinition {
  id: number;
  name: string;
  content_types: string[];
  type_create: boolean;
  type_update: boolean;
  type_delete: boolean;
  type_job_start: boolean;
  type_job_end: boolean;
  payload_url: string;
  enabled: boolean;
  http_method: WebhookHttpMethod;
  http_content_type: string;
  additional_headers: string;
  body_template: string;
  secret: string;
  conditions: JsonValue;
  ssl_verification: boolean;
  ca_file_path: string | null;
  timeout: number | null;
  // Delivery options of issue 18 (items 3-7); records written before them lack the keys; absent
  // means the value in `DELIVERY_OPTION_DEFAULTS`.
  /** `per_object`: one object's deliveries in event order, one in flight at a time. */
  ordering?: WebhookOrdering;
  /** Requests per second over every dispatcher instance; null is unlimited. */
  rate_limit_per_second?: number | null;
  /** PEM client certificate and key on the dispatcher's host, for receivers that require mTLS. */
  client_cert_path?: string | null;
  client_key_path?: string | null;
  /** Also sign with the webhook's Ed25519 key (Standard Webhooks `v1a`), kept by the dispatcher. */
  asymmetric_signature?: boolean;
  created: string;
  last_updated: string;
  /**
   * The `action_data` of the webhook's NetBox 4.x event rule: in 4.6 mode the dispatcher merges it into the
   * body's `data` as NetBox does. Absent (older records) or null means none.
   */
  action_data?: JsonValue;
  /**
   * NetBox 3.7+'s webhook `description` and the event rule's own fields, carried so the registry can
   * rebuild its read model from these records (`npm run projections:rebuild`). Absent when empty/none.
   */
  description?: string;
  event_rule?: { name: string; description: string; action_data: JsonValue } | null;
  /**
   * Issue 18. The secret the last rotation replaced: signatures carry it beside `secret`'s until
   * `previous_secret_expires` (a REST datetime), so receivers can switch over. Absent or '' = none.
   */
  previous_secret?: string;
  previous_secret_expires?: string | null;
  /** When `secret` last changed (a REST datetime; null: never), for the registry's rebuild. */
  secret_rotated_at?: string | null;
  /** Why the system disabled the webhook (410 Gone, failing too long); absent or '' = it did not. */
  disabled_reason?: string;
}

/** How a webhook's deliveries are ordered: `unordered` (fastest) or `per_object` (by topic key). */
export const WEBHOOK_ORDERINGS = ['unordered', 'per_object'] as const;
export type WebhookOrdering = (typeof WEBHOOK_ORDERINGS)[number];

/** The values of the issue-18 delivery options for a record that does not carry them. */
export const DELIVERY_OPTION_DEFAULTS = {
  ordering: 'unordered',
  rate_limit_per_second: null,
  client_cert_path: null,
  client_key_path: null,
  asymmetric_signature: false,
} as const satisfies Required<
  Pick<
    WebhookDefinition,
    'ordering' | 'rate_limit_per_second' | 'client_cert_path' | 'client_key_path' | 'asymmetric_signature'
  >
>;

/** Bumped only for a change the dispatcher must read differently; the header says which one a record has. */
export const WEBHOOK_DEFINITION_SCHEMA_VERSION = '1';

/** A record for `WEBHOOK_DEFINITIONS_TOPIC`, shaped like an encoded envelope so the outbox stores both alike. */
export interface EncodedWebhookDefinition {
  topic: typeof WEBHOOK_DEFINITIONS_TOPIC;
  message: OutgoingKafkaMessage;
}

/** The record that sets a webhook's definition; `eventId` defaults to a new UUIDv7. */
export function encodeWebhookDefinition(
  definition: WebhookDefinition,
  eventId: string = uuidv7(),
): EncodedWebhookDefinition {
  return {
    topic: WEBHOOK_DEFINITIONS_TOPIC,
    message: {
      key: String(definition.id),
      value: Buffer.from(JSON.stringify(definition), 'utf8'),
      headers: {
        [ENVELOPE_HEADERS.eventId]: eventId,
        [ENVELOPE_HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
        [ENVELOPE_HEADERS.schemaVersion]: WEBHOOK_DEFINITION_SCHEMA_VERSION,
      },
    },
  };
}

/** The tombstone that removes a deleted webhook from the topic (and from the dispatcher's view). */
export function webhookDefinitionTombstone(
  webhookId: number,
  eventId: string = uuidv7(),
): EncodedWebhookDefinition {
  return {
    topic: WEBHOOK_DEFINITIONS_TOPIC,
    message: {
      key: String(webhookId),
      value: null,
      headers: {
        [ENVELOPE_HEADERS.eventId]: eventId,
        [ENVELOPE_HEADERS.schemaVersion]: WEBHOOK_DEFINITION_SCHEMA_VERSION,
      },
    },
  };
}

/**
 * Reads a definition record's value. Never throws: a malformed record is reported so the consumer can
 * dead-letter it. Tombstones have no value to decode; consumers handle them before calling this.
 */
export function decodeWebhookDefinition(value: Buffer): DecodeOutcome<WebhookDefinition> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: 'invalid-json', message: (error as Error).message };
  }
  const problem = definitionProblem(parsed);
  if (problem !== undefined) return { ok: false, reason: 'not-a-webhook-definition', message: problem };
  return { ok: true, value: parsed as WebhookDefinition };
}

const BOOLEAN_FIELDS = [
  'type_create',
  'type_update',
  'type_delete',
  'type_job_start',
  'type_job_end',
  'enabled',
  'ssl_verification',
] as const;
const STRING_FIELDS = [
  'name',
  'payload_url',
  'http_content_type',
  'additional_headers',
  'body_template',
  'secret',
  'created',
  'last_updated',
] as const;

function definitionProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  if (!Number.isSafeInteger(record.id) || (record.id as number) < 1) return 'id is not a positive integer';
  for (const field of STRING_FIELDS) {
    if (typeof record[field] !== 'string') return `${field} is not a string`;
  }
  for (const field of BOOLEAN_FIELDS) {
    if (typeof record[field] !== 'boolean') return `${field} is not a boolean`;
  }
  const contentTypes = record.content_types;
  if (!Array.isArray(contentTypes) || !contentTypes.every((type) => typeof type === 'string')) {
    return 'content_types is not a list of strings';
  }
  if (!(WEBHOOK_HTTP_METHODS as readonly unknown[]).includes(record.http_method)) {
    return 'http_method is not one of GET POST PUT PATCH DELETE';
  }
  if (!Object.hasOwn(record, 'conditions')) return 'conditions is missing';
  if (record.ca_file_path !== null && typeof record.ca_file_path !== 'string') {
    return 'ca_file_path is neither a string nor null';
  }
  for (const field of ['previous_secret', 'disabled_reason'] as const) {
    if (record[field] !== undefined && typeof record[field] !== 'string') return `${field} is not a string`;
  }
  const expires = record.previous_secret_expires;
  if (expires !== undefined && expires !== null && Number.isNaN(Date.parse(String(expires)))) {
    return 'previous_secret_expires is neither null nor a datetime';
  }
  const { timeout } = record;
  if (
    timeout !== null &&
    !(Number.isInteger(timeout) && (timeout as number) >= 1 && (timeout as number) <= 3600)
  ) {
    return 'timeout is neither null nor an integer from 1 to 3600';
  }
  return deliveryOptionsProblem(record);
}

/** The issue-18 options, each optional (older records lack them). */
function deliveryOptionsProblem(record: Record<string, unknown>): string | undefined {
  const { ordering, rate_limit_per_second: rate, asymmetric_signature: asymmetric } = record;
  if (ordering !== undefined && !(WEBHOOK_ORDERINGS as readonly unknown[]).includes(ordering)) {
    return 'ordering is not one of unordered per_object';
  }
  if (rate !== undefined && rate !== null && !(Number.isInteger(rate) && (rate as number) >= 1)) {
    return 'rate_limit_per_second is neither null nor a positive integer';
  }
  for (const field of ['client_cert_path', 'client_key_path'] as const) {
    const value = record[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      return `${field} is neither a string nor null`;
    }
  }
  if (asymmetric !== undefined && typeof asymmetric !== 'boolean')
    return 'asymmetric_signature is not a boolean';
  return undefined;
}
