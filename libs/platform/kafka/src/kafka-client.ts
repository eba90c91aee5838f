import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { kafkaLogCreator, processLogger } from '@validity/platform/logging';

/**
 * Retries cover a broker restart of up to about a minute before an operation gives up, and back off to
 * at most 2 s, so a returning broker is noticed within about 2 s (with a 10 s cap, `npm run chaos`
 * measured 12.8 s from broker restart to normal delivery: a pending send slept through the return).
 */
export const KAFKA_RETRY = { retries: 30, initialRetryTime: 300, maxRetryTime: 2_000 } as const;

/**
 * One place that builds kafkajs clients, so retry and logging policy is never a library default.
 * Retries follow KAFKA_RETRY; kafkajs's log entries go into the service's JSON log (processLogger).
 */
export function createKafka(brokers: string, clientId: string, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(',').map((broker) => broker.trim()),
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: KAFKA_RETRY,
    logLevel: logLevel.ERROR,
    logCreator: kafkaLogCreator(processLogger),
    ...overrides,
  });
}
