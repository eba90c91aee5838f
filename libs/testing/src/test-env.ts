import { loadKafkaConnection, type KafkaConnection } from '@validity/platform/config';

/**
 * `INTERNAL_TOPIC_HMAC_KEY` of test runs that do not set one: the in-process services and the specs that
 * produce internal records sign with it.
 */
export const TEST_INTERNAL_TOPIC_HMAC_KEY = 'validity-test-internal-topic-hmac-key-0001';

/**
 * Connection settings the global setup put into the environment for this test run. `kafka` carries the
 * `KAFKA_TLS*` / `KAFKA_SASL_*` settings too, so a run pointed at a secured cluster reaches it.
 */
export function testInfrastructure(): {
  kafkaBrokers: string;
  kafka: KafkaConnection;
  databaseUrl: string;
  internalTopicHmacKey: string;
} {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  const databaseUrl = process.env.DATABASE_URL;
  if (!kafkaBrokers || !databaseUrl) {
    throw new Error(
      'KAFKA_BROKERS / DATABASE_URL missing: run integration specs through jest (global setup)',
    );
  }
  return {
    kafkaBrokers,
    kafka: loadKafkaConnection(process.env),
    databaseUrl,
    internalTopicHmacKey: process.env.INTERNAL_TOPIC_HMAC_KEY ?? TEST_INTERNAL_TOPIC_HMAC_KEY,
  };
}
