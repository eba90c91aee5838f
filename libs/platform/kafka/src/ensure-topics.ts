import { TOPICS, type TopicDefinition } from '@validity/contracts';
import { createKafka } from './kafka-client';
import type { KafkaConnection } from '@validity/platform/config';

/** Creates the topics of the contracts registry that do not exist yet; existing ones are left untouched. */
export async function ensureTopics(
  connection: KafkaConnection | string,
  topics: readonly TopicDefinition[] = TOPICS,
): Promise<void> {
  const admin = createKafka(connection, 'validity-topic-setup').admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic: topic.name,
        numPartitions: topic.partitions,
        configEntries: [{ name: 'cleanup.policy', value: topic.cleanupPolicy }],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
