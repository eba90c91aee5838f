import { logLevel, type Consumer } from 'kafkajs';
import { TOKENS_TOPIC } from '@validity/contracts';
import { createKafka } from './kafka-client';
import { EventProducer } from './event-producer';
import type { KafkaConnection } from '@validity/platform/config';

/**
 * On a fresh broker the transaction and group coordinators load lazily: the first idempotent producer
 * and the first group join fail and retry. Doing both once here keeps those retries out of every
 * service's and test's first seconds.
 */
export async function warmUpBroker(connection: KafkaConnection | string): Promise<void> {
  const kafka = createKafka(connection, 'validity-warm-up', { logLevel: logLevel.NOTHING });
  const producer = await EventProducer.connect(kafka);
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: 'validity-warm-up' });
  await consumer.connect();
  try {
    await subscribeOnceKnown(consumer, TOKENS_TOPIC);
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve());
      consumer.run({ eachMessage: () => Promise.resolve() }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

const KNOWN_TIMEOUT_MS = 60_000;

/**
 * Subscribes once the broker it asks knows the topic. Just after topics are created, a cluster's brokers
 * learn of them one by one, kafkajs asks any one of them and `subscribe` does not retry "This server does
 * not host this topic-partition": on a three-broker cluster the first subscribe failed outright.
 */
async function subscribeOnceKnown(consumer: Consumer, topic: string): Promise<void> {
  const deadline = Date.now() + KNOWN_TIMEOUT_MS;
  for (;;) {
    try {
      return await consumer.subscribe({ topics: [topic] });
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
