import { Partitioners, type Kafka, type Producer, type RecordMetadata } from 'kafkajs';
import type { OutgoingKafkaMessage } from '@validity/contracts';

/**
 * Answers after which kafkajs's idempotent producer never sends again: its producer id and sequence numbers
 * no longer match what the broker keeps (seen after a broker restart with a batch in flight), and kafkajs
 * neither resets them nor gives up, so every retry gets the same answer until the process restarts.
 */
const FENCED_PRODUCER_ERRORS = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
]);

function isFencedProducerError(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = (cause as { cause?: unknown }).cause) {
    if (FENCED_PRODUCER_ERRORS.has(String((cause as { type?: unknown }).type))) return true;
  }
  return false;
}

/**
 * Idempotent producer that waits for every in-sync replica (acks=all). One request in flight keeps
 * per-key order even when a send is retried. The Java-compatible partitioner sends a key to the
 * same partition as Java and librdkafka producers do.
 *
 * A send that fails because the broker fenced the producer (see FENCED_PRODUCER_ERRORS) still fails, and
 * the producer is replaced by a fresh one (new producer id, sequences from 0) so the caller's retry goes
 * through. Every caller already retries a failed send (outbox relay, dead letters, ingest), and a record
 * sent again under a new producer id may be a duplicate, which at-least-once delivery allows.
 */
export class EventProducer {
  /** Set when the broker fenced the producer; the next send replaces it first. */
  private fenced = false;
  private replacing: Promise<void> | undefined;

  private constructor(
    private readonly kafka: Kafka,
    private producer: Producer,
  ) {}

  static async connect(kafka: Kafka): Promise<EventProducer> {
    return new EventProducer(kafka, await EventProducer.connectProducer(kafka));
  }

  private static async connectProducer(kafka: Kafka): Promise<Producer> {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    return producer;
  }

  send(topic: string, messages: readonly OutgoingKafkaMessage[]): Promise<RecordMetadata[]> {
    return this.sendWith((producer) => producer.send({ topic, acks: -1, messages: [...messages] }));
  }

  /** Records for several topics in one request; each topic's records keep their order. */
  sendBatch(
    entries: ReadonlyArray<{ topic: string; message: OutgoingKafkaMessage }>,
  ): Promise<RecordMetadata[]> {
    const byTopic = new Map<string, OutgoingKafkaMessage[]>();
    for (const { topic, message } of entries) {
      const messages = byTopic.get(topic) ?? [];
      messages.push(message);
      byTopic.set(topic, messages);
    }
    return this.sendWith((producer) =>
      producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      }),
    );
  }

  async disconnect(): Promise<void> {
    await this.replacing?.catch(() => undefined);
    await this.producer.disconnect();
  }

  private async sendWith<T>(send: (producer: Producer) => Promise<T>): Promise<T> {
    if (this.fenced) {
      // One replacement for every sender waiting; if it fails (broker still away), the next send tries again.
      this.replacing ??= this.replace().finally(() => (this.replacing = undefined));
      await this.replacing;
    }
    const producer = this.producer;
    try {
      return await send(producer);
    } catch (error) {
      if (isFencedProducerError(error) && producer === this.producer) this.fenced = true;
      throw error;
    }
  }

  private async replace(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    this.producer = await EventProducer.connectProducer(this.kafka);
    this.fenced = false;
  }
}
