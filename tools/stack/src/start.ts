import { join } from 'node:path';
import { startStack } from './stack';

/** `npm start`: the whole stack in the foreground until Ctrl-C / SIGTERM. */
async function main(): Promise<void> {
  const repoRoot = join(__dirname, '..', '..', '..');
  const stackDir = process.env.STACK_DIR ?? join(repoRoot, '.stack');
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const stack = await startStack({
    stackDir,
    kafkaLibDir: join(repoRoot, '.stack', 'kafka', 'lib'),
    kafkaPort: Number(process.env.KAFKA_PORT ?? 9092),
    postgresPort: Number(process.env.POSTGRES_PORT ?? 54329),
    kafkaBrokers: process.env.KAFKA_BROKERS,
    databaseUrl: process.env.DATABASE_URL,
    adminToken: process.env.ADMIN_TOKEN,
    appEnv: process.env,
    log,
  });
  log('');
  log(`Validity Events is running (Kafka ${stack.versions.kafka}, PostgreSQL ${stack.versions.postgres}).`);
  log(`  API base URL: ${stack.apiUrl}`);
  log(`  Admin token:  ${stack.adminToken}`);
  log(`  Kafka:        ${stack.kafkaBrokers}`);
  log(`  PostgreSQL:   ${stack.databaseUrl}`);
  log('Press Ctrl-C to stop.');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: stopping every process`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`stop failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
