import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

/**
 * One place that builds kafkajs clients, so retry and logging policy is never a library default.
 * Retries cover a broker restart of up to about a minute before an operation gives up.
 */
export function createKafka(brokers: string, clientId: string, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(',').map((broker) => broker.trim()),
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
    logLevel: logLevel.ERROR,
    ...overrides,
  });
}
