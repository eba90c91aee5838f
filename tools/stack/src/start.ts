import { join } from 'node:path';
import { startStack, type RunningStack } from './stack';

/** `npm start`: the whole stack in the foreground until Ctrl-C / SIGTERM. */
async function main(): Promise<void> {
  const repoRoot = join(__dirname, '..', '..', '..');
  const stackDir = process.env.STACK_DIR ?? join(repoRoot, '.stack');
  const log = (line: string) => process.stdout.write(`${line}\n`);

  // Listen before starting anything: a signal during start-up must still stop every process started.
  let stack: RunningStack | undefined = undefined;
  let stopRequested = false;
  const shutdown = (signal: string) => {
    if (stopRequested) return;
    stopRequested = true;
    log(`${signal} received: stopping every process`);
    if (stack) void stopAndExit(stack, log);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  stack = await startStack({
    stackDir,
    jarsStackDir: join(repoRoot, '.stack'),
    kafkaPort: Number(process.env.KAFKA_PORT ?? 9092),
    postgresPort: Number(process.env.POSTGRES_PORT ?? 54329),
    kafkaBrokers: process.env.KAFKA_BROKERS,
    databaseUrl: process.env.DATABASE_URL,
    adminToken: process.env.ADMIN_TOKEN,
    appEnv: process.env,
    log,
  });
  if (stopRequested) return stopAndExit(stack, log);

  log('');
  log(`Validity Events is running (Kafka ${stack.versions.kafka}, PostgreSQL ${stack.versions.postgres}).`);
  log(`  Console:      ${stack.apiUrl.replace(/api\/$/, '')} (sign in with an API token)`);
  log(`  API base URL: ${stack.apiUrl}`);
  log(`  Admin token:  ${stack.adminToken}`);
  log(`  Kafka:        ${stack.kafkaBrokers}`);
  log(`  PostgreSQL:   ${stack.databaseUrl}`);
  log('Press Ctrl-C to stop.');
}

async function stopAndExit(stack: RunningStack, log: (line: string) => void): Promise<void> {
  try {
    await stack.stop();
    process.exit(0);
  } catch (error) {
    log(`stop failed: ${String(error)}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
