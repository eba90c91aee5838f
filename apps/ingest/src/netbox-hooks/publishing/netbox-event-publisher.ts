import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import type { OutgoingKafkaMessage } from '@validity/contracts';
import { EventProducer, InjectKafka, type Kafka } from '@validity/platform/kafka';

/** Partitions of a topic the hub creates on first use (job events, models outside the provisioned list). */
const CREATED_TOPIC_PARTITIONS = 1;

/**
 * Publishes NetBox's bodies with the idempotent, acks=all producer. The provisioned topics exist from
 * `npm start`; a topic not seen yet (a job event, a NetBox 4.x model) is created on first use, since the
 * brokers refuse automatic creation.
 */
@Injectable()
export class NetBoxEventPublisher implements OnApplicationShutdown {
  private producer: Promise<EventProducer> | undefined;
  private admin: Promise<Admin> | undefined;
  private readonly knownTopics = new Set<string>();

  constructor(@InjectKafka() private readonly kafka: Kafka) {}

  /** Resolves once Kafka acknowledged the record (all in-sync replicas). */
  async publish(topic: string, message: OutgoingKafkaMessage): Promise<void> {
    await this.ensureTopic(topic);
    this.producer ??= EventProducer.connect(this.kafka).catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    await (await this.producer).send(topic, [message]);
  }

  private async ensureTopic(topic: string): Promise<void> {
    if (this.knownTopics.has(topic)) return;
    const admin = await this.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    if (!existing.has(topic)) {
      // false when another instance created it meanwhile, which is just as good.
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: CREATED_TOPIC_PARTITIONS }],
      });
    }
    this.knownTopics.add(topic);
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([
      this.producer?.then((producer) => producer.disconnect()),
      this.admin?.then((admin) => admin.disconnect()),
    ]);
  }
}
