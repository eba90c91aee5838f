import { Logger } from '@nestjs/common';
import type { AttemptRecord, DeliveryStore } from '../store/delivery-store';

const MAX_PER_WRITE = 500;
const RETRY_AFTER_MS = 1_000;

/**
 * Writes attempt results in groups: while one write is in flight, the results that finish meanwhile
 * queue up and go in the next one, so a busy dispatcher writes hundreds of attempts per round trip and
 * an idle one writes each at once. A failed write is retried; if the process dies first, the claim's
 * lease expires and the delivery is attempted again with the same `webhook-id`.
 */
export class AttemptRecorder {
  private readonly logger = new Logger('AttemptRecorder');
  private queue: AttemptRecord[] = [];
  private writing: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly store: DeliveryStore,
    private readonly onWritten: (records: readonly AttemptRecord[]) => void,
  ) {}

  record(record: AttemptRecord): void {
    this.queue.push(record);
    this.writing ??= this.writeAll().finally(() => (this.writing = undefined));
  }

  /** At shutdown: writes what is queued, trying each write once (the leases cover what is lost). */
  async drain(): Promise<void> {
    this.stopping = true;
    while (this.writing) await this.writing;
  }

  private async writeAll(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_PER_WRITE);
      try {
        await this.store.recordAttempts(batch);
        this.onWritten(batch);
      } catch (error) {
        this.logger.warn(`recording ${batch.length} attempt(s) failed: ${String(error)}`);
        if (this.stopping) continue;
        this.queue.unshift(...batch);
        await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
      }
    }
  }
}
