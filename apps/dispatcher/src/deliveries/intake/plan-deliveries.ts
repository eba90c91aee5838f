import type { DecodedEnvelope } from '@validity/contracts';
import { EventLoopSlices } from '@validity/platform/background';
import type { DecodedRecord } from '@validity/platform/kafka';
import { matchWebhooks } from '../../matching/match-webhooks';
import type { WebhookView } from '../../webhook-view/webhook-view';
import type { DeliverySignals } from '../delivery-signals';
import { messageIdOf } from '../delivery';
import type { DeliveryStore, IncomingEvent, PlannedDelivery } from '../store/delivery-store';
import { monotonicNow } from '../../scheduling/monotonic-clock';
import type { ClaimsAtInsert, InsertedClaim } from './claims-at-insert';

/**
 * The intake use case: a batch of consumed events becomes delivery rows, one per (event, matching
 * webhook), stored in one statement before the batch's offset is committed. Deliveries the engine has
 * room for are stored already claimed by this instance and handed to it with their bodies, so the hot
 * path costs no claim statement and no second read of the body; for the rest (no room, ordered per
 * object) it signals "work is due" and the engine claims them in bulk. Before matching, the webhook
 * view catches up with its topic, so an event is never matched against a view older than the event.
 */
export class PlanDeliveries {
  constructor(
    private readonly view: WebhookView,
    private readonly viewCaughtUp: () => Promise<void>,
    private readonly store: DeliveryStore,
    private readonly signals: DeliverySignals,
    private readonly claims: ClaimsAtInsert,
  ) {}

  async handle(records: readonly DecodedRecord<DecodedEnvelope>[]): Promise<void> {
    await this.viewCaughtUp();
    const events = new Map<string, IncomingEvent>();
    const planned: PlannedDelivery[] = [];
    // Matching a fetch of thousands of records in one go held every send and answer of the engine
    // (docs/performance.md, round thirteen): in slices of the event loop's time.
    const slices = new EventLoopSlices();
    for (const { value, consumed } of records) {
      if (slices.due()) await slices.yield();
      const matches = matchWebhooks(this.view.forContentType(value.objectType), {
        event: value.event,
        objectType: value.objectType,
        data: value.envelope.data,
        enteredAtMs: consumed.timestampMs,
      });
      if (matches.length === 0) continue;
      events.set(value.eventId, {
        eventId: value.eventId,
        event: value.event,
        objectType: value.objectType,
        objectId: value.key,
        requestId: value.envelope.request_id,
        timestamp: value.envelope.timestamp,
        body: value.raw,
        topic: consumed.topic,
        partition: consumed.partition,
        offset: consumed.offset,
      });
      for (const { webhookId, conditionError, skippedBecause } of matches) {
        planned.push({
          eventId: value.eventId,
          webhookId,
          perObject: this.view.get(webhookId)?.definition.ordering === 'per_object',
          failure: skippedBecause
            ? { reason: 'webhook-disabled', error: `skipped: the webhook was disabled: ${skippedBecause}` }
            : conditionError === null
              ? null
              : { reason: 'condition-error', error: conditionError },
        });
      }
    }
    if (planned.length === 0) return;

    const promised = this.promiseRoom(planned);
    const claimedAt = monotonicNow();
    let inserted;
    try {
      inserted = await this.store.insertPlanned([...events.values()], planned);
    } catch (error) {
      for (const [webhookId, { granted }] of promised) this.claims.accept(webhookId, [], granted, claimedAt);
      throw error;
    }
    const claimed = new Map<number, InsertedClaim[]>();
    const due = new Set<number>();
    let failedAtOnce = false;
    for (const delivery of inserted) {
      if (delivery.status === 'failed') failedAtOnce = true;
      else if (!delivery.claimed) due.add(delivery.webhookId);
      else {
        const event = events.get(delivery.eventId)!;
        const list = claimed.get(delivery.webhookId) ?? [];
        list.push({
          id: delivery.id,
          webhookId: delivery.webhookId,
          messageId: messageIdOf(delivery.eventId, delivery.webhookId),
          attemptNumber: 1,
          retryBase: 0,
          event,
          bytes: event.body.length,
        });
        claimed.set(delivery.webhookId, list);
      }
    }
    for (const [webhookId, { granted }] of promised)
      this.claims.accept(webhookId, claimed.get(webhookId) ?? [], granted, claimedAt);
    for (const webhookId of due) this.signals.workDue(webhookId);
    if (failedAtOnce) this.signals.deliveriesFailed();
  }

  /**
   * Asks the engine for room per webhook and marks that many of the webhook's new deliveries (the
   * batch's first, in Kafka order) to be stored claimed.
   */
  private promiseRoom(planned: PlannedDelivery[]): Map<number, { granted: number }> {
    const wanted = new Map<number, number>();
    for (const delivery of planned)
      if (delivery.failure === null)
        wanted.set(delivery.webhookId, (wanted.get(delivery.webhookId) ?? 0) + 1);
    const promised = new Map<number, { granted: number; left: number; leaseSeconds: number }>();
    for (const [webhookId, count] of wanted) {
      const { granted, leaseSeconds } = this.claims.reserve(webhookId, count);
      if (granted > 0) promised.set(webhookId, { granted, left: granted, leaseSeconds });
    }
    for (const delivery of planned) {
      const promise = delivery.failure === null ? promised.get(delivery.webhookId) : undefined;
      if (promise && promise.left > 0) {
        promise.left -= 1;
        delivery.claimLeaseSeconds = promise.leaseSeconds;
      }
    }
    return promised;
  }
}
