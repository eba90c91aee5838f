import {
  Partitioners,
  type ICustomPartitioner,
  type Kafka,
  type Message,
  type Producer,
  type RecordMetadata,
} from 'kafkajs';
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
 * The partition kafkajs's partitioner last chose for each message object: a send must come back with an
 * acknowledgement for every one of them.
 */
type ChosenPartitions = WeakMap<Message, number>;

/** The Java-compatible partitioner, noting each message's partition in `chosen`. */
function notingPartitioner(chosen: ChosenPartitions): ICustomPartitioner {
  return () => {
    const partition = Partitioners.DefaultPartitioner();
    return (args) => {
      const choice = partition(args);
      chosen.set(args.message, choice);
      return choice;
    };
  };
}

/**
 * kafkajs 2.2.4 can resolve a send without writing some of its records: when a partition's leader dies
 * mid-send and the partition moves to a broker that already acknowledged other partitions of the same
 * send, its retry skips that broker (`sendMessages`, `brokersWithoutResponse`), and the records are
 * dropped while the send succeeds. The chaos run's `kafka-leader-sigkill` lost 4 reports this way. A
 * send whose acknowledgements miss a partition it wrote to therefore fails, and its caller sends again.
 */
export class UnacknowledgedPartitionError extends Error {
  readonly retriable = true;

  constructor(missing: readonly string[]) {
    super(`Kafka acknowledged no write to ${missing.join(', ')}; sending again`);
    this.name = 'UnacknowledgedPartitionError';
  }
}

function requireEveryPartitionAcknowledged(
  sent: ReadonlyArray<{ topic: string; messages: readonly Message[] }>,
  chosen: ChosenPartitions,
  acknowledged: readonly RecordMetadata[],
): void {
  const written = new Set(acknowledged.map((ack) => `${ack.topicName}/${ack.partition}`));
  const missing = new Set<string>();
  for (const { topic, messages } of sent) {
    for (const message of messages) {
      const partition = chosen.get(message);
      if (partition !== undefined && !written.has(`${topic}/${partition}`))
        missing.add(`${topic}/${partition}`);
    }
  }
  if (missing.size > 0) throw new UnacknowledgedPartitionError([...missing]);
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
    private readonly chosen: ChosenPartitions,
    private producer: Producer,
  ) {}

  static async connect(kafka: Kafka): Promise<EventProducer> {
    const chosen: ChosenPartitions = new WeakMap();
    return new EventProducer(kafka, chosen, await EventProducer.connectProducer(kafka, chosen));
  }

  private static async connectProducer(kafka: Kafka, chosen: ChosenPartitions): Promise<Producer> {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: notingPartitioner(chosen),
    });
    await producer.connect();
    return producer;
  }

  send(topic: string, messages: readonly OutgoingKafkaMessage[]): Promise<RecordMetadata[]> {
    return this.sendWith([{ topic, messages: [...messages] }], (producer, topicMessages) =>
      producer.send({ acks: -1, ...topicMessages[0] }),
    );
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
    return this.sendWith(
      [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      (producer, topicMessages) => producer.sendBatch({ acks: -1, topicMessages }),
    );
  }

  async disconnect(): Promise<void> {
    await this.replacing?.catch(() => undefined);
    await this.producer.disconnect();
  }

  private async sendWith(
    topicMessages: Array<{ topic: string; messages: Message[] }>,
    send: (
      producer: Producer,
      topicMessages: Array<{ topic: string; messages: Message[] }>,
    ) => Promise<RecordMetadata[]>,
  ): Promise<RecordMetadata[]> {
    if (this.fenced) {
      // One replacement for every sender waiting; if it fails (broker still away), the next send tries again.
      this.replacing ??= this.replace().finally(() => (this.replacing = undefined));
      await this.replacing;
    }
    const producer = this.producer;
    try {
      const acknowledged = await send(producer, topicMessages);
      requireEveryPartitionAcknowledged(topicMessages, this.chosen, acknowledged);
      return acknowledged;
    } catch (error) {
      if (isFencedProducerError(error) && producer === this.producer) this.fenced = true;
      throw error;
    }
  }

  private async replace(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    this.producer = await EventProducer.connectProducer(this.kafka, this.chosen);
    this.fenced = false;
  }
}
