import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { assertPortFree, startStack, type RunningStack } from '@validity/stack';

const repoRoot = join(__dirname, '..', '..', '..');

/**
 * Added to every port below: `BENCH_PORT_OFFSET`, else `TEST_PORT_OFFSET`, so two clones (or two
 * engineers on one machine) can benchmark at the same time.
 */
const PORT_OFFSET = Number(process.env.BENCH_PORT_OFFSET ?? process.env.TEST_PORT_OFFSET ?? 0);

/**
 * Ports apart from `npm start` (8000-8003, 9092, 54329) and the test runs, so all can run at once, and below
 * Linux's ephemeral range (32768-60999), where any outgoing connection may hold a port for a while.
 */
const PORTS = {
  gateway: 26000 + PORT_OFFSET,
  reports: 26001 + PORT_OFFSET,
  registry: 26002 + PORT_OFFSET,
  dispatcher: 26003 + PORT_OFFSET,
  ingest: 26004 + PORT_OFFSET,
  kafka: 26092 + PORT_OFFSET,
  postgres: 26359 + PORT_OFFSET,
};
const ADMIN_TOKEN = 'be7cbe7cbe7cbe7cbe7cbe7cbe7cbe7cbe7cbe7c';

/**
 * Reports kept by the benchmark stack: enough for the 1,000,000 results the list scenario stores
 * (100,000 per run) plus the ingest runs.
 */
export const BENCH_STORE_REPORTS = 20;

export interface BenchStack {
  apiUrl: string;
  /** `Authorization` header value of the admin. */
  authorization: string;
  /** Comma-separated `host:port` of the stack's Kafka broker. */
  kafkaBrokers: string;
  reportsPort: number;
  dispatcherPort: number;
  /** Where every process of the stack listens (services, Kafka, PostgreSQL), to find them by port. */
  processPorts: number[];
  /** The same ports by process name (`dispatcher`, `kafka`, `postgres`...). */
  portsByProcess: Readonly<Record<string, number>>;
  /** For starting more service instances on the same stack. */
  databaseUrl: string;
  adminToken: string;
  /** The stack's `INTERNAL_TOPIC_HMAC_KEY`, which another instance of a service needs too. */
  internalTopicHmacKey: string;
  versions: RunningStack['versions'];
}

/**
 * The whole product as `npm start` runs it (Kafka, PostgreSQL, every service as its own process), on a
 * fresh data directory `.stack/bench` so every benchmark run starts from empty tables.
 */
export async function startBenchStack(
  log: (line: string) => void,
): Promise<BenchStack & { stop(): Promise<void> }> {
  const stackDir = join(repoRoot, '.stack', 'bench');
  // Another benchmark run owns these ports and `.stack/bench`: refuse before deleting its data.
  for (const port of [...Object.values(PORTS), PORTS.kafka + 1]) {
    await assertPortFree(port, 'benchmark stack: is another benchmark running?');
  }
  await rm(stackDir, { recursive: true, force: true });
  const internalTopicHmacKey = randomBytes(32).toString('hex');
  const stack = await startStack({
    stackDir,
    internalTopicHmacKey,
    jarsStackDir: join(repoRoot, '.stack'),
    kafkaPort: PORTS.kafka,
    postgresPort: PORTS.postgres,
    adminToken: ADMIN_TOKEN,
    appEnv: {
      GATEWAY_PORT: String(PORTS.gateway),
      REPORTS_PORT: String(PORTS.reports),
      WEBHOOK_REGISTRY_PORT: String(PORTS.registry),
      DISPATCHER_PORT: String(PORTS.dispatcher),
      INGEST_PORT: String(PORTS.ingest),
      STORE_REPORTS: String(BENCH_STORE_REPORTS),
      LOG_LEVEL: 'warn',
      // `BENCH_CPU_PROF_DIR=dir`: every service writes a V8 CPU profile there when the stack stops.
      ...(process.env.BENCH_CPU_PROF_DIR
        ? { NODE_OPTIONS: `--require ${join(__dirname, 'cpu-profile-preload.js')}` }
        : {}),
    },
    log: (line) => {
      if (/error|fail/i.test(line)) log(line);
    },
  });
  return {
    apiUrl: stack.apiUrl,
    authorization: `Token ${stack.adminToken}`,
    kafkaBrokers: stack.kafkaBrokers,
    reportsPort: PORTS.reports,
    dispatcherPort: PORTS.dispatcher,
    processPorts: Object.values(PORTS),
    portsByProcess: PORTS,
    databaseUrl: stack.databaseUrl,
    adminToken: stack.adminToken,
    internalTopicHmacKey,
    versions: stack.versions,
    stop: () => stack.stop(),
  };
}
