import { Logger } from '@nestjs/common';
import { WakeLoop } from '@validity/platform/background';
import type { DeliverySignals } from '../delivery-signals';
import type { AttemptRecord, DeliveryStore, FirstAttemptRecord } from '../store/delivery-store';
import type { UnstoredClaims } from './unstored-claims';

const MAX_PER_WRITE = 1_000;
const RETRY_AFTER_MS = 1_000;
/**
 * A write waits up to this long for outcomes to gather, unless `GATHER_ROWS` are queued first. A flush
 * statement costs PostgreSQL about 1.3 ms of CPU whatever its size (parse, plan, commit) plus ~30 µs
 * per outcome: at the ~30 outcomes a busy dispatcher finished during one write's round trip, that fixed
 * part was ~45 µs per delivery, more than the outcome itself (docs/performance.md, "Round nine"); 500
 * rather than 200 took another 8 µs of PostgreSQL's CPU off each first attempt ("Round twenty"), and a
 * dispatcher at 9,000 deliveries/s gathers 500 in ~55 ms. An outcome waiting here was decided when its
 * attempt ended: a retry of a webhook disabled meanwhile is cancelled once written (`retriesScheduled`),
 * and offsets, which wait for the rows, are committed this much later.
 */
const GATHER_MS = 100;
const GATHER_ROWS = 500;

/**
 * Writes attempt outcomes in groups, one statement per flush: while one write is in flight, the
 * outcomes that finish meanwhile queue up and go in the next one, so a busy dispatcher writes hundreds
 * of outcomes per round trip and an idle one writes each at once. A delivery that has no row yet (handed
 * over straight from the Kafka batch) gets it now, with the outcome: one insert instead of an insert
 * before the attempt and an update after it. A failed write is retried; if the process dies first, the
 * claim's lease expires (or, without a row, its batch is read again from Kafka, whose offsets wait for
 * this write) and the delivery is attempted again with the same `webhook-id`.
 */
export class AttemptRecorder {
  private readonly logger = new Logger('AttemptRecorder');
  private queue: AttemptRecord[] = [];
  /** Per-object webhooks whose next deliveries an outcome in the queue releases (see `record`). */
  private toWake = new Set<number>();
  private readonly loop: WakeLoop;
  /** Ends the current wait for outcomes to gather (see `gather`), if one is running. */
  private endGather: (() => void) | undefined;
  private draining = false;

  constructor(
    private readonly store: DeliveryStore,
    private readonly signals: DeliverySignals,
    /** Told of each outcome of a delivery without a row: this recorder writes the row. */
    private readonly unstored?: Pick<UnstoredClaims, 'attempted'>,
  ) {
    this.loop = new WakeLoop({
      pass: () => this.flush(),
      retryAfterMs: RETRY_AFTER_MS,
      onError: (error) => this.logger.warn(`recording attempts failed, retrying: ${String(error)}`),
    });
    this.loop.start();
  }

  /**
   * Queues an outcome. `releasesNext`: its webhook orders per object, so this outcome, once written, lets
   * the object's next delivery be claimed; the engine is told right after the write instead of at its
   * next poll.
   */
  record(record: AttemptRecord, releasesNext = false): void {
    if (record.unstored) this.unstored?.attempted(record.unstored);
    this.queue.push(record);
    if (releasesNext) this.toWake.add(record.webhookId);
    if (this.queue.length >= GATHER_ROWS || releasesNext) this.endGather?.();
    this.loop.wake();
  }

  /** At shutdown: writes what is queued (a write that fails is left to the leases). */
  async drain(): Promise<void> {
    this.draining = true;
    this.endGather?.();
    await this.loop.stop({ finish: true });
  }

  /** One write of up to MAX_PER_WRITE outcomes; more queued means another pass at once. */
  private async flush(): Promise<boolean> {
    if (this.queue.length === 0) return false;
    await this.gather();
    const batch = this.queue.splice(0, MAX_PER_WRITE);
    const toWake = this.toWake;
    this.toWake = new Set();
    // Outcomes of deliveries without a row first (their rows are written with them), then the others.
    const { firsts, others, later } = splitOutcomes(batch);
    this.queue.unshift(...later);
    try {
      if (firsts.length > 0) {
        await this.store.recordFirstAttempts(firsts);
        for (const { record } of firsts.splice(0)) record.unstored!.markStored();
      }
      await this.store.recordAttempts(others);
    } catch (error) {
      this.queue.unshift(...firsts.map(({ record }) => record), ...others);
      for (const webhookId of toWake) this.toWake.add(webhookId);
      throw error;
    }
    for (const webhookId of toWake) this.signals.workDue(webhookId);
    for (const webhookId of retriedWebhooks(batch, later)) this.signals.retriesScheduled(webhookId);
    if (batch.some((record) => record.status === 'failed')) this.signals.deliveriesFailed();
    return this.queue.length > 0;
  }

  /**
   * Lets outcomes gather before a write: up to `GATHER_MS`, less once `GATHER_ROWS` are queued. Not when
   * an outcome releases a per-object webhook's next delivery (its object waits for this write) or at
   * shutdown. An outcome that waits here and is lost in a crash is like one lost mid-write: the claim's
   * lease expires and the delivery is sent again with the same `webhook-id`.
   */
  private async gather(): Promise<void> {
    if (this.queue.length >= GATHER_ROWS || this.toWake.size > 0 || this.draining) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.endGather?.(), GATHER_MS);
      this.endGather = () => {
        clearTimeout(timer);
        this.endGather = undefined;
        resolve();
      };
    });
  }
}

/** The webhooks that a flush of `batch` (but for `later`, which waits for the next) wrote retries of. */
function retriedWebhooks(batch: readonly AttemptRecord[], later: readonly AttemptRecord[]): Set<number> {
  const webhooks = new Set<number>();
  for (const record of batch)
    if (record.status === 'retrying' && !later.includes(record)) webhooks.add(record.webhookId);
  return webhooks;
}

/**
 * A flush's outcomes: those of deliveries without a row (written with their rows), and the others (a
 * delivery stored claimed before its outcome, because its attempt took long, is updated like any claim).
 * One row per statement: an upsert may not touch a row twice, so a second outcome of the same delivery
 * without a row (it can only come from a duplicate claim) waits for the next flush (`later`).
 */
function splitOutcomes(batch: readonly AttemptRecord[]): {
  firsts: FirstAttemptRecord[];
  others: AttemptRecord[];
  later: AttemptRecord[];
} {
  const firsts: FirstAttemptRecord[] = [];
  const others: AttemptRecord[] = [];
  const later: AttemptRecord[] = [];
  const rows = new Set<string>();
  for (const record of batch) {
    const unstored = record.unstored;
    if (!unstored || unstored.rowId !== 0) {
      others.push(unstored ? { ...record, deliveryId: unstored.rowId } : record);
      continue;
    }
    const row = `${unstored.event.eventId}:${unstored.webhookId}`;
    if (rows.has(row)) later.push(record);
    else {
      rows.add(row);
      firsts.push({
        record,
        event: unstored.event,
        webhookId: unstored.webhookId,
        created: unstored.created,
      });
    }
  }
  return { firsts, others, later };
}
