import type { Admin } from 'kafkajs';
import { TOPICS, type TopicDefinition } from '@validity/contracts';
import { createKafka } from './kafka-client';
import type { KafkaConnection } from '@validity/platform/config';

/** Creating a few hundred topics (the NetBox hub's) takes a loaded single broker well over kafkajs's 5 s. */
const CREATE_TIMEOUT_MS = 60_000;
const LEADERS_TIMEOUT_MS = 120_000;
const CREATE_CHUNK = 50;

async function missingTopics(admin: Admin, topics: readonly TopicDefinition[]): Promise<TopicDefinition[]> {
  const existing = new Set(await admin.listTopics());
  return topics.filter((topic) => !existing.has(topic.name));
}

/** Creates the topics of the contracts registry that do not exist yet; existing ones are left untouched. */
export async function ensureTopics(
  connection: KafkaConnection | string,
  topics: readonly TopicDefinition[] = TOPICS,
): Promise<void> {
  const admin = createKafka(connection, 'validity-topic-setup').admin();
  await admin.connect();
  try {
    const deadline = Date.now() + LEADERS_TIMEOUT_MS;
    let missing = await missingTopics(admin, topics);
    const created = missing.map((topic) => topic.name);
    // In chunks, until every topic exists: a loaded broker may time out part of a large request.
    while (missing.length > 0) {
      for (let start = 0; start < missing.length; start += CREATE_CHUNK) {
        await admin
          .createTopics({
            timeout: CREATE_TIMEOUT_MS,
            topics: missing.slice(start, start + CREATE_CHUNK).map((topic) => ({
              topic: topic.name,
              numPartitions: topic.partitions,
              configEntries: [{ name: 'cleanup.policy', value: topic.cleanupPolicy }],
            })),
          })
          .catch((error: unknown) => {
            if (Date.now() > deadline) throw error;
          });
      }
      missing = await missingTopics(admin, topics);
      if (missing.length > 0 && Date.now() > deadline) {
        throw new Error(`topics not created: ${missing.map((topic) => topic.name).join(', ')}`);
      }
    }
    if (created.length > 0) await waitForLeaders(admin, created);
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
