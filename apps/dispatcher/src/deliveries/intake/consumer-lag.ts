import type { Kafka } from 'kafkajs';
import { committedGroupLag } from '@validity/platform/kafka';
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
  return (await committedGroupLag(kafka, groupId, topics)).map(({ topic, partition, records }) => [
    { topic, partition: String(partition) },
    records,
  ]);
}
