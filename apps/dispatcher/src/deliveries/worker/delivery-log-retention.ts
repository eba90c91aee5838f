import { Logger } from '@nestjs/common';
import type { DeliveryStore } from '../store/delivery-store';

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const FIRST_PRUNE_AFTER_MS = 60 * 1000;

/** Prunes the delivery log hourly to `DELIVERY_LOG_RETENTION_DAYS`, so its tables stay bounded. */
export class DeliveryLogRetention {
  private readonly logger = new Logger('DeliveryLogRetention');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: DeliveryStore,
    private readonly retentionDays: number,
  ) {}

  start(): void {
    this.timer = setTimeout(() => {
      this.prune();
      this.timer = setInterval(() => this.prune(), PRUNE_INTERVAL_MS);
    }, FIRST_PRUNE_AFTER_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
    clearInterval(this.timer);
  }

  private prune(): void {
    this.store.prune(this.retentionDays).catch((error: unknown) => {
      this.logger.warn(`pruning the delivery log failed: ${String(error)}`);
    });
  }
}
