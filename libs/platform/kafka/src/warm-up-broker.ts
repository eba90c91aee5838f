import { logLevel } from 'kafkajs';
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
    await consumer.subscribe({ topics: [TOKENS_TOPIC] });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve());
      consumer.run({ eachMessage: () => Promise.resolve() }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}
