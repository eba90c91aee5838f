import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';

export interface CollectedRecord {
  topic: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** When the producer sent it (Kafka's CreateTime), ms since the epoch. */
  timestamp: number;
}

/**
 * Reads topics from their beginning for the length of a spec and keeps every record by its `event-id`
 * header: topics are shared by the whole test run, so specs find their records by event id, never by
 * position.
 */
export class TopicCollector {
  private readonly byEventId = new Map<string, CollectedRecord>();
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: readonly string[],
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({
      groupId: `collector-${randomUUID()}`,
      allowAutoTopicCreation: false,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: ({ topic, message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
        );
        if (headers['event-id'] !== undefined) {
          this.byEventId.set(headers['event-id'], {
            topic,
            key: message.key?.toString() ?? null,
            value: message.value,
            headers,
            timestamp: Number(message.timestamp),
          });
        }
        return Promise.resolve();
      },
    });
  }

  stop(): Promise<void> {
    return this.consumer?.disconnect() ?? Promise.resolve();
  }

  /** The record with this event id once it has arrived. */
  find(eventId: string): CollectedRecord | undefined {
    return this.byEventId.get(eventId);
  }
}
