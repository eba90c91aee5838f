import { join } from 'node:path';
import { loadKafkaConnection } from '@validity/platform/config';
import { startInfrastructure } from './infrastructure';

/**
 * Child process the Jest global setup runs: starts Kafka and PostgreSQL for one test run, prints one JSON
 * line with the connection settings, and stops both on SIGTERM or when the parent's pipe closes (so a
 * crashed Jest leaves no JVM or postgres behind).
 */
async function main(): Promise<void> {
  const repoRoot = join(__dirname, '..', '..', '..');
  const portOffset = Number(process.env.TEST_PORT_OFFSET ?? 0);
  const log = (line: string) => process.stderr.write(`[test-stack] ${line}\n`);
  const infrastructure = await startInfrastructure({
    stackDir: join(repoRoot, '.stack', 'test'),
    jarsStackDir: join(repoRoot, '.stack'),
    // TEST_PORT_OFFSET moves every test port (see libs/testing's testPort) so two clones can test at once.
    kafkaPort: 19092 + portOffset,
    postgresPort: 25339 + portOffset,
    kafkaBrokers: process.env.KAFKA_BROKERS,
    kafkaSecurity: loadKafkaConnection(process.env),
    databaseUrl: process.env.DATABASE_URL,
    log,
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    infrastructure.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`stop failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.stdout.write(
    `${JSON.stringify({ kafkaBrokers: infrastructure.kafkaBrokers, databaseUrl: infrastructure.databaseUrl, versions: infrastructure.versions })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[test-stack] failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
