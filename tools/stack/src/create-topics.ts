import { ensureTopics } from '@validity/platform/kafka';

/** Creates every topic of the contracts registry on KAFKA_BROKERS (docker-compose's one-shot `topics` job). */
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
ensureTopics(brokers).then(
  () => process.stdout.write(`topics ready on ${brokers}\n`),
  (error: unknown) => {
    process.stderr.write(`creating topics failed: ${String(error)}\n`);
    process.exit(1);
  },
);
