import { logLevel, type Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { NetBoxEnvelope } from '@validity/contracts';
import type { KafkaConnection } from '@validity/platform/config';
import { createKafka } from '@validity/platform/kafka';

/** A record read from a public event topic, with its envelope parsed. */
export interface PublishedRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  envelope: NetBoxEnvelope;
}

/**
 * For integration specs: follows event topics from their beginning, keeping every record. The topics are
 * shared by the whole test run, so specs find their records by `event-id` or `request_id`, never by
 * position or key (each spec's schema numbers its objects from 1).
 */
export class PublishedRecords {
  readonly records: PublishedRecord[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async follow(connection: KafkaConnection, topics: readonly string[]): Promise<PublishedRecords> {
    const kafka = createKafka(connection, 'reports-spec-reader', { logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({
      groupId: `reports-spec-${randomUUID()}`,
      allowAutoTopicCreation: false,
    });
    const published = new PublishedRecords(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      eachMessage: ({ topic, partition, message }) => {
        const value = message.value ?? Buffer.alloc(0);
        published.records.push({
          topic,
          partition,
          offset: Number(message.offset),
          key: message.key?.toString() ?? '',
          value,
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([name, header]) => [name, String(header)]),
          ),
          envelope: JSON.parse(value.toString('utf8')) as NetBoxEnvelope,
        });
        return Promise.resolve();
      },
    });
    return published;
  }

  /** Waits until `count` records match, then returns them in the order they were read. */
  async waitFor(
    description: string,
    matches: (record: PublishedRecord) => boolean,
    count = 1,
    timeoutMs = 30_000,
  ): Promise<PublishedRecord[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.records.filter(matches);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(`${found.length} of ${count} records for ${description} within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The records of one request, e.g. a report's deletions and its creation. */
  ofRequest(requestId: string): PublishedRecord[] {
    return this.records.filter((record) => record.envelope.request_id === requestId);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
