import { Logger } from '@nestjs/common';
import { WakeLoop } from '@validity/platform/background';
import type { DeliverySignals } from '../delivery-signals';
import type { AttemptRecord, DeliveryStore } from '../store/delivery-store';

const MAX_PER_WRITE = 1_000;
const RETRY_AFTER_MS = 1_000;

/**
 * Writes attempt outcomes in groups, one statement per flush: while one write is in flight, the
 * outcomes that finish meanwhile queue up and go in the next one, so a busy dispatcher writes hundreds
 * of outcomes per round trip and an idle one writes each at once. A failed write is retried; if the
 * process dies first, the claim's lease expires and the delivery is attempted again with the same
 * `webhook-id`.
 */
export class AttemptRecorder {
  private readonly logger = new Logger('AttemptRecorder');
  private queue: AttemptRecord[] = [];
  /** Per-object webhooks whose next deliveries an outcome in the queue releases (see `record`). */
  private toWake = new Set<number>();
  private readonly loop: WakeLoop;

  constructor(
    private readonly store: DeliveryStore,
    private readonly signals: DeliverySignals,
  ) {
    this.loop = new WakeLoop({
      pass: () => this.flush(),
      retryAfterMs: RETRY_AFTER_MS,
      onError: (error) => this.logger.warn(`recording attempts failed, retrying: ${String(error)}`),
    });
    this.loop.start();
  }

  /**
   * Queues an outcome. `releases`: the webhook orders per object, so this outcome, once written, lets
   * the object's next delivery be claimed; the engine is told right after the write instead of at its
   * next poll.
   */
  record(record: AttemptRecord, releases?: number): void {
    this.queue.push(record);
    if (releases !== undefined) this.toWake.add(releases);
    this.loop.wake();
  }

  /** At shutdown: writes what is queued (a write that fails is left to the leases). */
  async drain(): Promise<void> {
    await this.loop.stop({ finish: true });
  }

  /** One write of up to MAX_PER_WRITE outcomes; more queued means another pass at once. */
  private async flush(): Promise<boolean> {
    if (this.queue.length === 0) return false;
    const batch = this.queue.splice(0, MAX_PER_WRITE);
    const toWake = this.toWake;
    this.toWake = new Set();
    try {
      await this.store.recordAttempts(batch);
    } catch (error) {
      this.queue.unshift(...batch);
      for (const webhookId of toWake) this.toWake.add(webhookId);
      throw error;
    }
    for (const webhookId of toWake) this.signals.workDue(webhookId);
    if (batch.some((record) => record.status === 'failed')) this.signals.deliveriesFailed();
    return this.queue.length > 0;
  }
}
