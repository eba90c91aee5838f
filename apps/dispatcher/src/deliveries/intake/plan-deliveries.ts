import type { DecodedEnvelope } from '@validity/contracts';
import { EventLoopSlices } from '@validity/platform/background';
import type { DecodedRecord, HandedOnBatch } from '@validity/platform/kafka';
import { matchWebhooks } from '../../matching/match-webhooks';
import type { WebhookView } from '../../webhook-view/webhook-view';
import type { DeliverySignals } from '../delivery-signals';
import { messageIdOf, UnstoredDelivery, type IncomingEvent } from '../delivery';
import type { DeliveryStore, PlannedDelivery } from '../store/delivery-store';
import { monotonicNow } from '../../scheduling/monotonic-clock';
import type { ClaimsAtInsert, InsertedClaim } from './claims-at-insert';

/** A webhook's due deliveries of one batch are stored batched from this many on (`batchWhereMany`). */
const BATCHED_FROM = 16;

/**
 * The intake use case: a batch of consumed events becomes deliveries, one per (event, matching webhook).
 * Deliveries the engine has room for go to it at once with their bodies, so the hot path costs no claim
 * statement and no second read of the body: those of records appended since this instance was assigned
 * their partition without a row, before anything of the batch is stored (the row is written once, with
 * the first attempt's outcome; the batch's offsets are committed only once every one has its row), those
 * of older records (which an earlier owner may have stored and sent) stored claimed first. The rest (no
 * room, ordered per object, failed at once) are stored in one statement before the handler returns (many
 * due ones of one webhook as one batch row), and the engine, signalled that work is due, claims them in
 * bulk. Before matching, the webhook view catches up with its topic, so an event is never matched against
 * a view older than the event.
 */
export class PlanDeliveries {
  constructor(
    private readonly view: WebhookView,
    private readonly viewCaughtUp: () => Promise<void>,
    private readonly store: DeliveryStore,
    private readonly signals: DeliverySignals,
    private readonly claims: ClaimsAtInsert,
  ) {}

  async handle(records: readonly DecodedRecord<DecodedEnvelope>[]): Promise<HandedOnBatch | undefined> {
    await this.viewCaughtUp();
    const events = new Map<string, IncomingEvent>();
    const planned: PlannedDelivery[] = [];
    /** Events of records appended since the assignment: their deliveries may go out before they are stored. */
    const appended = new Set<string>();
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
      if (consumed.appendedSinceAssignment) appended.add(value.eventId);
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
    if (planned.length === 0) return undefined;

    const promised = this.promiseRoom(planned);
    const batchedFor = batchWhereMany(planned);
    const claimedAt = monotonicNow();
    const rowless = new Set(
      planned.filter(
        (delivery) => typeof delivery.claimLeaseSeconds === 'number' && appended.has(delivery.eventId),
      ),
    );
    const toStore = rowless.size === 0 ? planned : planned.filter((delivery) => !rowless.has(delivery));
    // The new deliveries without a row go to the engine before the others are stored: the statement that
    // stores a slow webhook's backlog must not hold up a fast webhook's sends (isolation). If that
    // statement fails, the batch is read again as handed on before (`appendedSinceAssignment` false):
    // stored first, so these go out again only if their rows are still missing.
    const batch = new BatchRows(rowless.size);
    const unstored = new Map<number, InsertedClaim[]>();
    for (const delivery of rowless) {
      const event = events.get(delivery.eventId)!;
      this.claimOf(unstored, 0, delivery.webhookId, event).unstored = new UnstoredDelivery(
        event,
        delivery.webhookId,
        claimedAt,
        batch.oneStored,
      );
    }
    for (const [webhookId, claims] of unstored) {
      promised.get(webhookId)!.granted -= claims.length;
      this.claims.accept(webhookId, claims, claims.length, claimedAt);
    }
    let inserted;
    try {
      inserted =
        toStore.length === 0 ? [] : await this.store.insertPlanned(eventsOf(toStore, events), toStore);
    } catch (error) {
      for (const [webhookId, { granted }] of promised)
        if (granted > 0) this.claims.accept(webhookId, [], granted, claimedAt);
      throw error;
    }
    const claimed = new Map<number, InsertedClaim[]>();
    const due = new Set<number>();
    let failedAtOnce = false;
    for (const delivery of inserted) {
      if (delivery.status === 'failed') failedAtOnce = true;
      else if (!delivery.claimed) due.add(delivery.webhookId);
      else this.claimOf(claimed, delivery.id, delivery.webhookId, events.get(delivery.eventId)!);
    }
    for (const [webhookId, { granted }] of promised)
      if (granted > 0) this.claims.accept(webhookId, claimed.get(webhookId) ?? [], granted, claimedAt);
    for (const webhookId of batchedFor) due.add(webhookId);
    for (const webhookId of due) this.signals.workDue(webhookId);
    if (failedAtOnce) this.signals.deliveriesFailed();
    return rowless.size === 0 ? undefined : { durable: batch.allStored };
  }

  /** A claim of a new delivery (`id` 0: it has no row yet), added to its webhook's list. */
  private claimOf(
    claimed: Map<number, InsertedClaim[]>,
    id: number,
    webhookId: number,
    event: IncomingEvent,
  ): InsertedClaim {
    const claim: InsertedClaim = {
      id,
      webhookId,
      messageId: messageIdOf(event.eventId, webhookId),
      attemptNumber: 1,
      retryBase: 0,
      event,
      bytes: event.body.length,
    };
    const list = claimed.get(webhookId) ?? [];
    list.push(claim);
    claimed.set(webhookId, list);
    return claim;
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

/**
 * Marks a webhook's deliveries that are stored due (no room for them, not failed, not ordered per object)
 * to be stored batched when the batch has `BATCHED_FROM` or more of them: a receiver that is behind then
 * costs one row per consumed batch, not one per event (docs/performance.md, round nineteen). Per-object
 * webhooks keep a row each: their claim reads each object's order from the rows. Returns the webhooks.
 */
function batchWhereMany(planned: readonly PlannedDelivery[]): Set<number> {
  const storedDue = (delivery: PlannedDelivery) =>
    delivery.failure === null && !delivery.perObject && typeof delivery.claimLeaseSeconds !== 'number';
  const counts = new Map<number, number>();
  for (const delivery of planned)
    if (storedDue(delivery)) counts.set(delivery.webhookId, (counts.get(delivery.webhookId) ?? 0) + 1);
  const batchedFor = new Set<number>();
  for (const delivery of planned)
    if (storedDue(delivery) && counts.get(delivery.webhookId)! >= BATCHED_FROM) {
      delivery.batched = true;
      batchedFor.add(delivery.webhookId);
    }
  return batchedFor;
}

/** The events the deliveries refer to. */
function eventsOf(
  deliveries: readonly PlannedDelivery[],
  events: ReadonlyMap<string, IncomingEvent>,
): IncomingEvent[] {
  const ids = new Set(deliveries.map((delivery) => delivery.eventId));
  return [...ids].map((id) => events.get(id)!);
}

/** Counts a batch's deliveries handed over without a row: `allStored` resolves once each has its row. */
class BatchRows {
  readonly allStored: Promise<void>;
  private resolve!: () => void;

  constructor(private left: number) {
    this.allStored = new Promise((resolve) => (this.resolve = resolve));
    if (left === 0) this.resolve();
  }

  readonly oneStored = (): void => {
    this.left -= 1;
    if (this.left === 0) this.resolve();
  };
}
