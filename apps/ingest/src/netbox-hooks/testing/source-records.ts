import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

export interface SourceRecord {
  topic: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * Reads `topics` from their beginning and returns, in the order read, the records whose `source` header
 * is `source` (or one of several), once the records with all of `untilEventIds` arrived. Topics are shared by the whole test
 * run, so a spec finds its records by its own (unique) source name; posting a last marker request to a
 * one-partition topic and reading up to it shows everything of that source published there before it.
 */
export async function readSourceRecords(
  kafka: Kafka,
  topics: readonly string[],
  source: string | readonly string[],
  untilEventIds: readonly string[],
  timeoutMs = 30_000,
): Promise<SourceRecord[]> {
  const consumer = kafka.consumer({ groupId: `ingest-spec-${randomUUID()}`, allowAutoTopicCreation: false });
  const records: SourceRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`events ${untilEventIds.join(', ')} of ${source} not all read in ${timeoutMs} ms`),
          ),
        timeoutMs,
      );
      consumer
        .run({
          autoCommit: false,
          eachMessage: ({ topic, message }) => {
            const headers = Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
            );
            const sources: readonly string[] = typeof source === 'string' ? [source] : source;
            if (sources.includes(headers.source) && message.value !== null) {
              records.push({ topic, key: message.key?.toString() ?? null, value: message.value, headers });
              if (
                untilEventIds.every((eventId) =>
                  records.some((record) => record.headers['event-id'] === eventId),
                )
              ) {
                clearTimeout(timer);
                resolve();
              }
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
