import { Gauge, type Registry } from 'prom-client';
import type { ConsumerLagRegistry } from '@validity/platform/kafka';

/**
 * `validity_kafka_consumer_lag_records{consumer, topic, partition}`: every Kafka consumer of the service
 * (committing groups by their committed offsets, followers of compacted topics by what they applied),
 * read from the broker at scrape time. A consumer whose lag cannot be read (broker away) gives no
 * samples; the scrape still works.
 */
export function registerConsumerLagGauge(registry: Registry, consumers: ConsumerLagRegistry): void {
  new Gauge({
    name: 'validity_kafka_consumer_lag_records',
    help: "Records of each partition not yet consumed by one of this service's Kafka consumers (group, or group prefix of a follower).",
    labelNames: ['consumer', 'topic', 'partition'],
    registers: [registry],
    async collect() {
      const lags = await consumers.read();
      this.reset();
      for (const { consumer, topic, partition, records } of lags)
        this.set({ consumer, topic, partition: String(partition) }, records);
    },
  });
}
