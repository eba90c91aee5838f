import type { Kafka } from 'kafkajs';
import type { MetricLabels as Labels } from '../../metrics/dispatcher-metrics';

/**
 * Records between the group's committed offset and the end of each partition, read from the broker at
 * scrape time. A partition without a commit counts from its first retained record.
 */
export async function consumerLag(
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
): Promise<Array<[Labels, number]>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    const lag: Array<[Labels, number]> = [];
    for (const { topic, partitions } of committed) {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((end) => [end.partition, end]));
      for (const { partition, offset } of partitions) {
        const end = ends.get(partition);
        if (!end) continue;
        const from = offset === '-1' ? BigInt(end.low) : BigInt(offset);
        lag.push([{ topic, partition: String(partition) }, Number(BigInt(end.high) - from)]);
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
