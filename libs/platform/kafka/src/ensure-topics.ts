import type { Admin } from 'kafkajs';
import { TOPICS, type TopicDefinition } from '@validity/contracts';
import { createKafka } from './kafka-client';

/** Creating a few hundred topics (the NetBox hub's) takes a loaded single broker well over kafkajs's 5 s. */
const CREATE_TIMEOUT_MS = 60_000;
const LEADERS_TIMEOUT_MS = 120_000;

/** Creates the topics of the contracts registry that do not exist yet; existing ones are left untouched. */
export async function ensureTopics(
  brokers: string,
  topics: readonly TopicDefinition[] = TOPICS,
): Promise<void> {
  const admin = createKafka(brokers, 'validity-topic-setup').admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length === 0) return;
    await admin.createTopics({
      timeout: CREATE_TIMEOUT_MS,
      topics: missing.map((topic) => ({
        topic: topic.name,
        numPartitions: topic.partitions,
        configEntries: [{ name: 'cleanup.policy', value: topic.cleanupPolicy }],
      })),
    });
    await waitForLeaders(
      admin,
      missing.map((topic) => topic.name),
    );
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until every partition of the topics has a leader. kafkajs's own `waitForLeaders` gives up when
 * the metadata does not know a just-created topic yet ("This server does not host this topic-partition"),
 * which a busy broker answers for a while after creating many topics; here that only means "not yet".
 */
async function waitForLeaders(admin: Admin, names: readonly string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...names] });
      if (topics.every((topic) => topic.partitions.every((partition) => partition.leader >= 0))) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics without a leader after ${LEADERS_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
