import type { PartitionLag } from './consumer-lag';

/** One consumer's lag, named for the metric's `consumer` label. */
export interface ConsumerLag extends PartitionLag {
  consumer: string;
}

/**
 * The Kafka consumers of one service, each with a way to read its lag, so `/metrics` can report every
 * consumer the service runs (the event intake, the followers of compacted topics) under one metric.
 * Lag is read when asked (at scrape time), never cached: an idle consumer still shows its true lag.
 */
export class ConsumerLagRegistry {
  private readonly sources = new Map<string, () => Promise<PartitionLag[]>>();

  /** Adds a consumer; the returned function removes it again (when the consumer stops). */
  register(consumer: string, read: () => Promise<PartitionLag[]>): () => void {
    this.sources.set(consumer, read);
    return () => {
      if (this.sources.get(consumer) === read) this.sources.delete(consumer);
    };
  }

  /** Every registered consumer's lag; a consumer whose lag cannot be read now (broker away) is left out. */
  async read(): Promise<ConsumerLag[]> {
    const lags = await Promise.all(
      [...this.sources].map(async ([consumer, read]) => {
        const partitions = await read().catch(() => []);
        return partitions.map((lag) => ({ consumer, ...lag }));
      }),
    );
    return lags.flat();
  }
}
