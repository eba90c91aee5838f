import {
  EVENT_RULE_OBJECT_TYPES as ALL_EVENT_RULE_OBJECT_TYPES,
  WEBHOOK_CONTENT_TYPES as ALL_WEBHOOK_CONTENT_TYPES,
  DELIVERY_OPTION_DEFAULTS,
  type JsonValue,
  type PreciseTime,
  type WebhookHttpMethod,
  type WebhookOrdering,
} from '@validity/contracts';
import type { WebhookDeliveryState } from './webhook-delivery-state';

/** What a client sets on a webhook: NetBox 3.6's writable model fields, plus the `timeout` extension. */
export interface WebhookSettings {
  content_types: string[];
  name: string;
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
  /** Seconds the dispatcher waits for the receiver (1-3600); null leaves it to the dispatcher's default. */
  timeout: number | null;
  /** NetBox 3.7+'s webhook `description` (0-200 characters); the 4.6 API shows and sets it. */
  description: string;
  /**
   * The fields of NetBox 4.x's event rule that a 3.6 webhook has no place for; null when the webhook's
   * rule (if its triggers make one) was never written through `/api/extras/event-rules/`.
   */
  event_rule: EventRuleFields | null;
  // Delivery options (issue 18 items 3-7), extensions: see the README's delivery section.
  ordering: WebhookOrdering;
  rate_limit_per_second: number | null;
  client_cert_path: string | null;
  client_key_path: string | null;
  asymmetric_signature: boolean;
}

/**
 * The 4.x event rule of a webhook is its trigger fields (`content_types`, `type_*`, `enabled`,
 * `conditions`, as NetBox 3.7's migration 0101 moved them) plus these.
 */
export interface EventRuleFields {
  name: string;
  description: string;
  /** NetBox 4.x's `action_data`: merged into `data` of the bodies this rule triggers (null: none). */
  action_data: JsonValue;
}

/** The settings in NetBox's serializer order (which is also the representation's). */
export const WEBHOOK_SETTING_KEYS = [
  'content_types',
  'name',
  'type_create',
  'type_update',
  'type_delete',
  'type_job_start',
  'type_job_end',
  'payload_url',
  'enabled',
  'http_method',
  'http_content_type',
  'additional_headers',
  'body_template',
  'secret',
  'conditions',
  'ssl_verification',
  'ca_file_path',
  'timeout',
  'description',
  'event_rule',
  'ordering',
  'rate_limit_per_second',
  'client_cert_path',
  'client_key_path',
  'asymmetric_signature',
] as const satisfies readonly (keyof WebhookSettings)[];

/** The settings a create may omit, with NetBox 3.6's model defaults (and no `timeout` of its own). */
export const DEFAULT_SETTINGS = {
  type_create: false,
  type_update: false,
  type_delete: false,
  type_job_start: false,
  type_job_end: false,
  enabled: true,
  http_method: 'POST',
  http_content_type: 'application/json',
  additional_headers: '',
  body_template: '',
  secret: '',
  conditions: null,
  ssl_verification: true,
  ca_file_path: null,
  timeout: null,
  description: '',
  event_rule: null,
  ...DELIVERY_OPTION_DEFAULTS,
} as const satisfies Omit<WebhookSettings, 'content_types' | 'name' | 'payload_url'>;

export interface Webhook extends WebhookSettings, WebhookDeliveryState {
  id: number;
  created: PreciseTime;
  lastUpdated: PreciseTime;
}

/** A webhook as the store holds it: with the version of its event stream this state is the result of. */
export interface StoredWebhook extends Webhook {
  version: number;
}

export function settingsOf(webhook: WebhookSettings): WebhookSettings {
  return Object.fromEntries(
    WEBHOOK_SETTING_KEYS.map((key) => [key, webhook[key]]),
  ) as unknown as WebhookSettings;
}

/** The event stream of one webhook. */
export function webhookStreamId(id: number): string {
  return `webhook-${id}`;
}

/**
 * The content types a webhook may name: every public object type of the registry in libs/contracts, and
 * every NetBox 3.6 core model with the webhooks feature (the NetBox hub delivers their events).
 * That includes `validity.compliancetestresult`, which never emits events (Validity bulk-inserts
 * results): NetBox accepts it too, as a model with the webhooks feature, and a webhook on it simply
 * never fires there either, so a NetBox-era script that names it keeps working.
 */
export const WEBHOOK_CONTENT_TYPES: ReadonlySet<string> = new Set(
  ALL_WEBHOOK_CONTENT_TYPES.map((contentType) => contentType.name),
);

/** The object types an event rule may name (NetBox 4.6): the webhook's, plus 4.x's new models. */
export const EVENT_RULE_OBJECT_TYPES: ReadonlySet<string> = new Set(
  ALL_EVENT_RULE_OBJECT_TYPES.map((objectType) => objectType.name),
);
