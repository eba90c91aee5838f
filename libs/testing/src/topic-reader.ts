import type { IHeaders, Kafka } from 'kafkajs';

export interface ReadRecord {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
  /** The record's timestamp, epoch ms. */
  timestampMs: number;
}

/** Reads a topic from the beginning until `count` records arrived (a throw-away group, nothing kept). */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number,
  timeoutMs = 20_000,
): Promise<ReadRecord[]> {
  const consumer = kafka.consumer({
    groupId: `reader-${topic}-${Date.now()}`,
    allowAutoTopicCreation: false,
  });
  const records: ReadRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${records.length} of ${count} records from ${topic}`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: ({ message, partition }) => {
            records.push({
              key: message.key?.toString() ?? null,
              value: message.value,
              headers: headerStrings(message.headers ?? {}),
              partition,
              offset: message.offset,
              timestampMs: Number(message.timestamp),
            });
            if (records.length >= count) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

function headerStrings(headers: IHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name] = (Array.isArray(value) ? value[0] : value).toString();
  }
  return result;
}
