import {
  encodeEnvelope,
  encodeWebhookDefinition,
  netboxTimestamp,
  webhookDefinitionTombstone,
  type EnvelopeEvent,
  type NetBoxEnvelope,
  type PreciseTime,
} from '@validity/contracts';
import type { NewEvent } from '@validity/platform/event-store';
import type { StoredWebhook, Webhook } from './webhook';
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
      type: change.event === 'deleted' ? 'WebhookDefinitionRemoved' : 'WebhookDefinitionChanged',
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
