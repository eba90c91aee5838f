import type { Kafka } from 'kafkajs';

/** Records of one partition that a consumer has not consumed yet. */
export interface PartitionLag {
  topic: string;
  partition: number;
  records: number;
}

/**
 * A consumer group's lag from its committed offsets: records between each partition's commit and its end.
 * A partition the group never committed counts from its first retained record (where a new group starts).
 */
export async function committedGroupLag(
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
): Promise<PartitionLag[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    const lag: PartitionLag[] = [];
    for (const { topic, partitions } of committed) {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((end) => [end.partition, end]));
      for (const { partition, offset } of partitions) {
        const end = ends.get(partition);
        if (!end) continue;
        const from = offset === '-1' ? BigInt(end.low) : BigInt(offset);
        lag.push({ topic, partition, records: Number(BigInt(end.high) - from) });
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
