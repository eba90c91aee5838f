import { Partitioners, type Kafka, type Producer, type RecordMetadata } from 'kafkajs';
import type { OutgoingKafkaMessage } from '@validity/contracts';

/**
 * Idempotent producer that waits for every in-sync replica (acks=all). One request in flight keeps
 * per-key order even when a send is retried. The Java-compatible partitioner sends a key to the
 * same partition as Java and librdkafka producers do.
 */
export class EventProducer {
  private constructor(private readonly producer: Producer) {}

  static async connect(kafka: Kafka): Promise<EventProducer> {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    return new EventProducer(producer);
  }

  send(topic: string, messages: readonly OutgoingKafkaMessage[]): Promise<RecordMetadata[]> {
    return this.producer.send({ topic, acks: -1, messages: [...messages] });
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
    return this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
