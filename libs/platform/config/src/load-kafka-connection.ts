import type { KafkaConnection } from './kafka-connection';
import { KafkaEnv, toKafkaConnection } from './kafka.env';
import { loadEnv } from './load-config';

/**
 * The Kafka connection of a tool or test helper (stack runner, chaos, bench, test setups), read from the
 * same `KAFKA_*` keys the services read, so one environment points all of them at a secured cluster.
 */
export function loadKafkaConnection(env: NodeJS.ProcessEnv = process.env): KafkaConnection {
  return toKafkaConnection(loadEnv(KafkaEnv, env));
}
