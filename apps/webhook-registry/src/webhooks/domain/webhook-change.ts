import {
  DELIVERY_OPTION_DEFAULTS,
  decodeWebhookDefinition,
  encodeEnvelope,
  encodeWebhookDefinition,
  netboxTimestamp,
  preciseTimeOfRestDateTime,
  webhookDefinitionTombstone,
  type EnvelopeEvent,
  type NetBoxEnvelope,
  type PreciseTime,
  type WebhookDefinition,
} from '@validity/contracts';
import type { NewEvent, StoredEvent } from '@validity/platform/event-store';
import { settingsOf, type StoredWebhook, type Webhook } from './webhook';
import { publicWebhookData, webhookDefinition, webhookSnapshot } from './webhook-representation';

/**
 * One change to one webhook. `before` is the state it was based on, with its stream version; `at` is
 * when a delete happened (creates and updates happen at `after.lastUpdated`).
 */
export type WebhookChange =
  | { event: 'created'; after: Webhook }
  | { event: 'updated'; before: StoredWebhook; after: Webhook }
  | { event: 'deleted'; before: StoredWebhook; at: PreciseTime };

/** Who caused a change, as NetBox's envelope names them: the token's user and the request's id. */
export interface ChangeContext {
  username: string;
  requestId: string;
}

/** The event whose record is the webhook's whole definition after a change (secret included). */
const DEFINITION_CHANGED = 'WebhookDefinitionChanged';
/** The event whose record is the definition's tombstone: the webhook is deleted. */
const DEFINITION_REMOVED = 'WebhookDefinitionRemoved';

const EVENT_TYPES: Readonly<Record<EnvelopeEvent, string>> = {
  created: 'WebhookCreated',
  updated: 'WebhookUpdated',
  deleted: 'WebhookDeleted',
};

/**
 * The records a change appends to the webhook's stream, in this order: the public NetBox envelope on
 * `extras.webhook.<event>` (secret masked), then the full definition on the internal compacted topic
 * (a tombstone for a delete). Both are keyed by the webhook id, so each topic keeps per-webhook order.
 */
export function webhookChangeEvents(change: WebhookChange, context: ChangeContext): NewEvent[] {
  const webhook = change.event === 'deleted' ? change.before : change.after;
  const envelope: NetBoxEnvelope = {
    event: change.event,
    timestamp: timestampOf(change),
    model: 'webhook',
    username: context.username,
    request_id: context.requestId,
    data: publicWebhookData(webhook),
    snapshots: {
      prechange: change.event === 'created' ? null : webhookSnapshot(change.before),
      postchange: change.event === 'deleted' ? null : webhookSnapshot(change.after),
    },
  };
  return [
    {
      type: EVENT_TYPES[change.event],
      record: encodeEnvelope(envelope, { objectType: 'extras.webhook', objectId: webhook.id }),
    },
    {
      type: change.event === 'deleted' ? DEFINITION_REMOVED : DEFINITION_CHANGED,
      record:
        change.event === 'deleted'
          ? webhookDefinitionTombstone(webhook.id)
          : encodeWebhookDefinition(webhookDefinition(webhook)),
    },
  ];
}

function timestampOf(change: WebhookChange): string {
  const at = change.event === 'deleted' ? change.at : change.after.lastUpdated;
  return netboxTimestamp(at.date, at.micros);
}

/**
 * What one event of a webhook's stream says the webhook is: the whole webhook after its change (the
 * definition record holds every field, so no earlier event is needed), `deleted`, or `undefined` for
 * the public envelope, which carries nothing more. The inverse of `webhookChangeEvents`.
 */
export function webhookAfterEvent(event: StoredEvent): StoredWebhook | 'deleted' | undefined {
  if (event.type === DEFINITION_REMOVED) return 'deleted';
  if (event.type !== DEFINITION_CHANGED || event.payload === null) return undefined;
  const decoded = decodeWebhookDefinition(event.payload);
  if (!decoded.ok) throw new Error(`event ${event.position} holds no webhook definition: ${decoded.message}`);
  return webhookOfDefinition(decoded.value, event.version);
}

function webhookOfDefinition(definition: WebhookDefinition, version: number): StoredWebhook {
  // Object.assign, not spreads: V8 takes ~60 µs to spread a second object this wide into a literal,
  // and every write and every fold runs this.
  const settings = settingsOf(
    Object.assign({}, DELIVERY_OPTION_DEFAULTS, definition, {
      description: definition.description ?? '',
      event_rule: definition.event_rule ?? null,
    }),
  );
  return Object.assign(settings, {
    id: definition.id,
    created: preciseTimeOfRestDateTime(definition.created),
    lastUpdated: preciseTimeOfRestDateTime(definition.last_updated),
    version,
    previous_secret: definition.previous_secret ?? '',
    secret_rotated_at: dateOrNull(definition.secret_rotated_at),
    previous_secret_expires: dateOrNull(definition.previous_secret_expires),
    disabled_reason: definition.disabled_reason ?? '',
  });
}

function dateOrNull(text: string | null | undefined): Date | null {
  return text ? new Date(text) : null;
}
