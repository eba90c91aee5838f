import { loadKafkaConnection } from '@validity/platform/config';
import { ensureTopics } from '@validity/platform/kafka';

/**
 * Creates every topic of the contracts registry on KAFKA_BROKERS (docker-compose's one-shot `topics` job),
 * with the same `KAFKA_TLS*` / `KAFKA_SASL_*` settings the services use.
 */
const connection = loadKafkaConnection(process.env);
ensureTopics(connection).then(
  () => process.stdout.write(`topics ready on ${connection.brokers}\n`),
  (error: unknown) => {
    process.stderr.write(`creating topics failed: ${String(error)}\n`);
    process.exit(1);
  },
);
