import { Logger } from '@nestjs/common';
import { WakeLoop } from '@validity/platform/background';
import { messageIdOf, type ClaimedDelivery, type IncomingEvent, type UnstoredDelivery } from '../delivery';
import type { DeliveryStore, PlannedDelivery } from '../store/delivery-store';
import { monotonicNow } from '../../scheduling/monotonic-clock';

/**
 * How long a claim handed over without a row may wait for its outcome before it is stored claimed: its
 * batch's offsets wait for every such claim to have a row, so a slow receiver must not hold them longer.
 * The intake's room is up to 5 s of the webhook's sending, so a burst's claims are sent well inside it.
 */
export const STORE_UNATTEMPTED_AFTER_MS = 6_000;
const PASS_INTERVAL_MS = 1_000;

/**
 * The engine's claims that have no row yet (`UnstoredDelivery`): every one gets its row exactly once.
 * The recorder writes it with the first attempt's outcome; a claim still queued or in flight
 * `STORE_UNATTEMPTED_AFTER_MS` after its handover is stored claimed, leased like any claim (its outcome then
 * updates that row); a claim handed back unattempted is stored due, and claimed later like any other.
 */
export class UnstoredClaims {
  private readonly logger = new Logger('UnstoredClaims');
  /** Claims without a row whose outcome is not with the recorder yet, by `webhook-id`, in handover order. */
  private readonly waiting = new Map<string, UnstoredDelivery>();
  private readonly loop: WakeLoop;

  constructor(
    private readonly store: DeliveryStore,
    /** The lease of a claim of the webhook stored now (the webhook's timeout and margins). */
    private readonly leaseSeconds: (webhookId: number) => number,
  ) {
    this.loop = new WakeLoop({
      pass: () => this.storeOverdue(),
      intervalMs: PASS_INTERVAL_MS,
      retryAfterMs: PASS_INTERVAL_MS,
      onError: (error) => this.logger.warn(`storing claims without a row failed, retrying: ${String(error)}`),
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /**
   * Claims the intake hands over: those without a row are tracked. A stored claim of a delivery this
   * process still holds without a row (its record was read again after a rejoin, before that delivery
   * was attempted, and the stored path wrote its row claimed) is not sent a second time: the delivery
   * held takes the row, and its outcome is written there. Returns the claims to send.
   */
  track<T extends ClaimedDelivery>(claims: readonly T[]): T[] {
    const toSend: T[] = [];
    for (const claim of claims) {
      const held = claim.unstored ? undefined : this.waiting.get(claim.messageId);
      if (held) {
        this.forget(held);
        held.markStored(claim.id);
        continue;
      }
      if (claim.unstored) this.waiting.set(claim.messageId, claim.unstored);
      toSend.push(claim);
    }
    return toSend;
  }

  /** The delivery's outcome is with the recorder, which writes its row with it. */
  attempted(unstored: UnstoredDelivery): void {
    this.forget(unstored);
  }

  private forget(unstored: UnstoredDelivery): void {
    const messageId = messageIdOf(unstored.event.eventId, unstored.webhookId);
    if (this.waiting.get(messageId) === unstored) this.waiting.delete(messageId);
  }

  /**
   * Hands claims back unattempted: those with a row through the store's release (due again, the attempt
   * not counted), those without get their row, due now.
   */
  async release(claims: readonly ClaimedDelivery[]): Promise<void> {
    const rowless = claims.flatMap((claim) =>
      claim.unstored && !claim.unstored.hasRow ? [claim.unstored] : [],
    );
    const withRow = claims.filter((claim) => !claim.unstored || claim.unstored.hasRow);
    if (rowless.length > 0) await this.storeRows(rowless, null);
    if (withRow.length > 0)
      await this.store.release(
        withRow.map((claim) => ({
          id: claim.unstored ? claim.unstored.rowId : claim.id,
          attemptNumber: claim.attemptNumber,
        })),
      );
  }

  /** One pass: claims overdue for their outcome are stored claimed. */
  private async storeOverdue(): Promise<boolean> {
    const before = monotonicNow() - STORE_UNATTEMPTED_AFTER_MS;
    const overdue: UnstoredDelivery[] = [];
    for (const unstored of this.waiting.values()) {
      if (unstored.handedAt > before) break;
      overdue.push(unstored);
    }
    if (overdue.length > 0) await this.storeRows(overdue, this.leaseSeconds);
    return false;
  }

  /**
   * Writes rows for claims without one: claimed with the webhook's lease (`lease`), or due now (null).
   * A row already written by the recorder meanwhile is left as it is.
   */
  private async storeRows(
    deliveries: readonly UnstoredDelivery[],
    lease: ((webhookId: number) => number) | null,
  ): Promise<void> {
    const events = new Map<string, IncomingEvent>();
    const planned: PlannedDelivery[] = [];
    for (const { event, webhookId, created } of deliveries) {
      events.set(event.eventId, event);
      planned.push({
        eventId: event.eventId,
        webhookId,
        failure: null,
        claimLeaseSeconds: lease === null ? null : lease(webhookId),
        created,
      });
    }
    const inserted = await this.store.insertPlanned([...events.values()], planned);
    const ids = new Map(inserted.map((row) => [`${row.eventId}:${row.webhookId}`, row.id]));
    for (const unstored of deliveries) {
      this.forget(unstored);
      unstored.markStored(ids.get(`${unstored.event.eventId}:${unstored.webhookId}`) ?? 0);
    }
  }
}
