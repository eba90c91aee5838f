import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadKafkaConnection } from '@validity/platform/config';
import { portSetting } from './port-check';
import { startStack, type RunningStack } from './stack';

/**
 * `npm start`: the whole stack in the foreground until Ctrl-C, SIGTERM or the terminal's hangup. The apps
 * run their built JavaScript (built first when a source changed); `npm start -- --dev` runs their
 * TypeScript instead.
 */
async function main(): Promise<void> {
  const unknownArgs = process.argv.slice(2).filter((arg) => arg !== '--dev');
  if (unknownArgs.length > 0) throw new Error(`unknown argument(s) ${unknownArgs.join(' ')} (only --dev)`);
  const appRuntime = process.argv.includes('--dev') ? 'typescript' : 'built';
  const repoRoot = join(__dirname, '..', '..', '..');
  // `.env` in the checkout, if there is one, fills in what the environment does not set (variables
  // already set win), for the runner and every app it starts. `npm test` never reads it.
  const envFile = join(repoRoot, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  // Everything the stack generates (data, logs, Kafka jars, admin token) goes under STACK_DIR.
  const stackDir = resolve(process.env.STACK_DIR ?? join(repoRoot, '.stack'));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (existsSync(envFile)) log(`Read settings from ${envFile} (the environment wins over it).`);

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
  // The terminal closed. Stopped as for Ctrl-C, or the apps, Kafka and PostgreSQL (each in a process
  // group of its own) would outlive it and hold their ports. Writes to the gone terminal fail from now
  // on, and must not end the runner half-way through the stop.
  process.on('SIGHUP', () => {
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    shutdown('SIGHUP');
  });

  stack = await startStack({
    stackDir,
    jarsStackDir: stackDir,
    kafkaPort: portSetting(process.env, 'KAFKA_PORT', 9092),
    postgresPort: portSetting(process.env, 'POSTGRES_PORT', 54329),
    kafkaBrokers: process.env.KAFKA_BROKERS,
    kafkaSecurity: loadKafkaConnection(process.env),
    databaseUrl: process.env.DATABASE_URL,
    adminToken: process.env.ADMIN_TOKEN,
    internalTopicHmacKey: process.env.INTERNAL_TOPIC_HMAC_KEY,
    appEnv: process.env,
    appRuntime,
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
  log(`  Logs:         ${join(stackDir, 'logs')} (one JSON-lines file per service)`);
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
