import { logLevel } from 'kafkajs';
import { createKafka } from '@validity/platform/kafka';

const QUIET = { logLevel: logLevel.NOTHING };
const READ_TIMEOUT_MS = 60_000;

/** Every record value of a topic, from the beginning to its end offsets when called (a throw-away group). */
export async function readWholeTopic(brokers: string, topic: string): Promise<Buffer[]> {
  const kafka = createKafka(brokers, 'chaos-topic-reader', QUIET);
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(
    ends.filter((end) => BigInt(end.high) > BigInt(end.low)).map((end) => [end.partition, BigInt(end.high)]),
  );
  const values: Buffer[] = [];
  if (remaining.size === 0) return values;
  const consumer = kafka.consumer({ groupId: `chaos-topic-reader-${Date.now()}-${Math.random()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`could not read ${topic} to its end`)),
        READ_TIMEOUT_MS,
      );
      void consumer.run({
        autoCommit: false,
        eachMessage: ({ partition, message }) => {
          const end = remaining.get(partition);
          if (end === undefined || BigInt(message.offset) >= end) return Promise.resolve();
          if (message.value) values.push(message.value);
          if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
    return values;
  } finally {
    await consumer.disconnect();
  }
}
