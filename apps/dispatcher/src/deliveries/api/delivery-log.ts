import {
  ConflictError,
  NetBoxValidationError,
  NotFoundError,
  type Pagination,
  type QueryParams,
} from '@validity/platform/netbox-api';
import type { DeliverySignals } from '../delivery-signals';
import type { AttemptEntity } from '../store/attempt.entity';
import { DeliveryLogReader, type DeliveryLogEntry } from '../store/delivery-log-reader';
import type { DeliveryStore } from '../store/delivery-store';

export type { DeliveryLogEntry } from '../store/delivery-log-reader';

/**
 * The delivery log's use cases: NetBox-style filtered listing, one delivery with its attempts, sending
 * finished deliveries again (same `webhook-id`, fresh retry schedule) and retrying a retrying one now.
 * Every move goes through the store's lifecycle statements; the engine learns of the work through a
 * "work is due" signal, never by being called.
 */
export class DeliveryLog {
  constructor(
    private readonly reader: DeliveryLogReader,
    private readonly store: DeliveryStore,
    private readonly signals: DeliverySignals,
  ) {}

  /** Batched deliveries become rows first, so the log lists and counts every waiting one. */
  async list(query: QueryParams, page: Pagination): Promise<{ count: number; results: DeliveryLogEntry[] }> {
    await this.store.unbatchAll();
    return this.reader.list(query, page);
  }

  async get(id: number): Promise<DeliveryLogEntry> {
    const entry = await this.reader.get(id);
    if (!entry) throw new NotFoundError();
    return entry;
  }

  attempts(deliveryId: number): Promise<AttemptEntity[]> {
    return this.reader.attempts(deliveryId);
  }

  async redeliver(id: number): Promise<DeliveryLogEntry> {
    const entry = await this.get(id);
    const [restarted] = await this.store.redeliver('$1', [id]);
    if (!restarted)
      throw new ConflictError(
        `This delivery is ${entry.status}; only delivered, failed or cancelled ones are redelivered.`,
      );
    this.signals.workDue(restarted.webhookId);
    return this.get(id);
  }

  /** Redelivers every finished delivery matching the filters; returns how many. */
  async replay(query: QueryParams): Promise<number> {
    if (!Object.keys(query).some((parameter) => DeliveryLogReader.isFilter(parameter))) {
      throw new NetBoxValidationError({
        __all__: [
          'Give at least one filter (e.g. webhook_id, status, created__gte) to choose what to replay.',
        ],
      });
    }
    const restarted = await this.store.redeliver(...this.reader.selection(query));
    for (const webhookId of new Set(restarted.map((row) => row.webhookId))) this.signals.workDue(webhookId);
    return restarted.length;
  }

  /** Makes a retrying delivery due now (its circuit breaker still decides when it may go out). */
  async retryNow(id: number): Promise<DeliveryLogEntry> {
    const entry = await this.get(id);
    const due = await this.store.retryNow(id);
    if (!due)
      throw new ConflictError(
        entry.status === 'retrying'
          ? 'An attempt of this delivery is in progress.'
          : `This delivery is ${entry.status}; only retrying ones are retried now (use redeliver for finished ones).`,
      );
    this.signals.workDue(due.webhookId);
    return this.get(id);
  }
}
