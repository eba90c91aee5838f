import { createWriteStream, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { machineInfo } from '@validity/stack';
import { ChaosReceiver, type AcceptedDelivery } from './chaos-receiver';
import { ChaosStack, type ChaosPorts } from './chaos-stack';
import { CpuStarvation } from './cpu-starvation';
import { missingPairs, summarise } from './delivery-ledger';
import { FaketimeClock } from './faketime-clock';
import { FAULTS, type Fault, type FaultTiming } from './faults';
import {
  faultResult,
  faultTable,
  saveFullRun,
  writeReliabilityPage,
  type FaultResult,
  type ReliabilityResults,
} from './reliability-results';
import { LoadSampler } from './load-sampler';
import { streamReports } from './report-stream';
import { StopOnInterrupt } from './stop-on-interrupt';
import { ensureToxiproxy, TOXIPROXY_VERSION, ToxiproxyServer } from './toxiproxy-server';
import { ValidityClient } from './validity-client';

const repoRoot = join(__dirname, '..', '..', '..');

interface Mode {
  eventsPerSecond: number;
  streamSeconds: number;
  /** The fault starts this long after the stream, so it hits deliveries in flight. */
  injectAtS: number;
  timing: FaultTiming;
  /** Longest wait for the stream to be delivered after a fault; the retry schedule fits well inside. */
  deliveryDeadlineS: number;
  /** Extra wait after the last expected delivery, for late duplicates. */
  settleS: number;
}

const MODES: Record<'full' | 'short', Mode> = {
  full: {
    eventsPerSecond: 40,
    streamSeconds: 45,
    injectAtS: 5,
    timing: {
      infrastructureDownS: 10,
      receiverDownS: 30,
      receiverTroubleS: 20,
      slowAnswerMs: 3_000,
      webhookWrites: 60,
      networkTroubleS: 20,
      partitionS: 15,
      brokerDownS: 15,
      clockHoldS: 15,
    },
    deliveryDeadlineS: 420,
    settleS: 5,
  },
  // Inside `npm test`: the faults not marked `fullOnly`, shorter, so the whole run stays under three minutes.
  short: {
    eventsPerSecond: 10,
    streamSeconds: 6,
    injectAtS: 1.5,
    timing: {
      infrastructureDownS: 2,
      receiverDownS: 5,
      receiverTroubleS: 3,
      slowAnswerMs: 3_000,
      webhookWrites: 12,
      networkTroubleS: 3,
      partitionS: 3,
      brokerDownS: 5,
      clockHoldS: 3,
    },
    deliveryDeadlineS: 240,
    settleS: 2,
  },
};

/**
 * Faster than the product's default (Svix's, hours long) so a run ends in minutes, yet 10 retries over
 * about five minutes: longer than any fault here lasts, so a lost delivery is a real loss.
 */
const RETRY_SCHEDULE = '1,2,4,8,16,30,60,60,60,60';
const WEBHOOK_TIMEOUT_S = 2;
const WEBHOOKS = ['alpha', 'beta', 'gamma'];
const ADMIN_TOKEN = 'c4a05c4a05c4a05c4a05c4a05c4a05c4a05c4a05';

interface PortLayout {
  stack: ChaosPorts;
  /** The first receiver's port; the others follow. */
  firstReceiver: number;
  /** Toxiproxy's proxies in front of Kafka and PostgreSQL, and its API (network faults only). */
  kafkaProxy: number;
  postgresProxy: number;
  toxiproxyApi: number;
}

/**
 * The default block (24000-24032), moved by `CHAOS_PORT_OFFSET`. Every fixed port stays below Linux's
 * ephemeral range (32768-60999): there, any outgoing connection on the machine may hold the port for a while.
 */
export const DEFAULT_CHAOS_PORTS = 24_000;

/**
 * `--ports-from <port>`: every port in one block of 40 (apps +0..4, receivers +10..12, Kafka +20..25,
 * its proxy +26, PostgreSQL +30, its proxy +31, Toxiproxy's API +32).
 */
function portsFrom(base: number): PortLayout {
  return {
    stack: {
      gateway: base,
      reports: base + 1,
      registry: base + 2,
      dispatcher: base + 3,
      ingest: base + 4,
      kafka: base + 20,
      postgres: base + 30,
    },
    firstReceiver: base + 10,
    kafkaProxy: base + 26,
    postgresProxy: base + 31,
    toxiproxyApi: base + 32,
  };
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

/**
 * `npm run chaos`: starts the stack on fresh data, streams compliance reports to three webhooks and
 * injects each fault of `faults.ts` in turn; prints the table, writes `reliability/results/latest.json`
 * and `docs/reliability.md`. `--short` (what `npm test` runs) uses shorter faults and writes only the
 * JSON, to `--out <file>`. Exits 1 if any fault lost a delivery or broke its check.
 */
async function main(): Promise<void> {
  const short = process.argv.includes('--short');
  const starveCpu = process.argv.includes('--starve-cpu');
  const only = option('--only')?.split(',');
  const mode = MODES[short ? 'short' : 'full'];
  const portsFromOption = option('--ports-from');
  const layout =
    portsFromOption === undefined
      ? portsFrom(DEFAULT_CHAOS_PORTS + Number(process.env.CHAOS_PORT_OFFSET ?? 0))
      : portsFrom(Number(portsFromOption));
  const faultsToRun = FAULTS.filter((fault) =>
    only ? only.includes(fault.name) : !(short && fault.fullOnly),
  );
  if (only && faultsToRun.length !== only.length) {
    throw new Error(
      `--only: unknown fault among ${only.join(', ')}; known: ${FAULTS.map((f) => f.name).join(', ')}`,
    );
  }
  const stackDir = join(repoRoot, '.stack', short ? 'chaos-short' : 'chaos');
  const starvation = new CpuStarvation();
  const load = new LoadSampler();
  const log = (line: string) => process.stderr.write(`[chaos] ${line}\n`);
  const onInterrupt = new StopOnInterrupt(log);
  onInterrupt.add(() => starvation.stop());

  const stackFaults = faultsToRun.filter((fault) => fault.stack !== 'cluster');
  const clusterFaults = faultsToRun.filter((fault) => fault.stack === 'cluster');
  const appLogFile = `${stackDir}-apps.log`;
  const appLogger = appLog(appLogFile);
  const accepted: AcceptedDelivery[] = [];
  const receivers = WEBHOOKS.map(
    (webhook, index) => new ChaosReceiver(webhook, layout.firstReceiver + index, accepted),
  );
  let toxiproxy: ToxiproxyServer | undefined;
  const faults: FaultResult[] = [];
  let versions: { kafka: string; postgres: string } | undefined;
  try {
    await Promise.all(receivers.map((receiver) => receiver.up()));
    if (starveCpu) {
      starvation.start();
      log('CPU starvation: a busy loop on every core for the whole run');
    }
    if (stackFaults.length > 0) {
      if (stackFaults.some((fault) => fault.stack === 'network')) {
        const binary = await ensureToxiproxy(join(repoRoot, '.stack', 'tools'), log);
        toxiproxy = await ToxiproxyServer.start(binary, layout.toxiproxyApi);
        const proxies = toxiproxy;
        onInterrupt.add(() => proxies.stop());
      }
      const dispatcherClock = stackFaults.some((fault) => fault.stack === 'clock')
        ? await FaketimeClock.prepare(`${stackDir}-dispatcher-clock`, log)
        : undefined;
      log(`starting the stack in ${stackDir} (app output in ${appLogFile})`);
      const stack = await ChaosStack.start({
        ...stackOptions(stackDir, layout, appLogger),
        network: toxiproxy && {
          toxiproxy,
          kafkaProxyPort: layout.kafkaProxy,
          postgresProxyPort: layout.postgresProxy,
        },
        dispatcherClock,
      });
      const forget = onInterrupt.add(() => stack.stop());
      try {
        versions = stack.versions;
        faults.push(...(await runFaults(stack, stackFaults, receivers, accepted, mode, load, log)));
      } finally {
        forget();
        await stack.stop();
      }
    }
    if (clusterFaults.length > 0) {
      // A fresh database numbers reports from 1 again: the first stack's deliveries must not count.
      accepted.length = 0;
      log(`starting the three-broker stack in ${stackDir}-cluster`);
      const cluster = await ChaosStack.start({
        ...stackOptions(`${stackDir}-cluster`, layout, appLogger),
        kafkaNodes: 3,
      });
      const forget = onInterrupt.add(() => cluster.stop());
      try {
        versions ??= cluster.versions;
        faults.push(...(await runFaults(cluster, clusterFaults, receivers, accepted, mode, load, log)));
      } finally {
        forget();
        await cluster.stop();
      }
    }

    const results: ReliabilityResults = {
      generated_at: new Date().toISOString(),
      mode: short ? 'short' : 'full',
      machine: machineInfo(versions ?? { kafka: '-', postgres: '-' }),
      settings: {
        webhooks: WEBHOOKS.length,
        events_per_second: mode.eventsPerSecond,
        stream_seconds: mode.streamSeconds,
        fault_starts_after_s: mode.injectAtS,
        webhook_timeout_s: WEBHOOK_TIMEOUT_S,
        retry_schedule_s: RETRY_SCHEDULE,
        event_topic_partitions: 3,
        cpu_starvation: starveCpu
          ? `a busy loop on each of ${availableParallelism()} cores, whole run`
          : 'none',
        network_faults: `Toxiproxy ${TOXIPROXY_VERSION} in front of Kafka and PostgreSQL (network-* faults only)`,
        kafka_cluster:
          'kafka-leader-sigkill, kafka-two-brokers-sigkill: 3 brokers (KRaft, each broker + controller), replication factor 3, min.insync.replicas 2, producers acks=all',
        clock:
          "dispatcher-clock-jump: libfaketime steps the dispatcher's wall clock (monotonic clock untouched)",
      },
      faults,
    };
    process.stdout.write(`\n${faultTable(faults)}\n\n`);
    await writeResults(results, option('--out'), only !== undefined, starveCpu, log);
    if (faults.some((fault) => !fault.passed)) process.exitCode = 1;
  } finally {
    load.stop();
    await starvation.stop();
    await Promise.all(receivers.map((receiver) => receiver.down()));
    await toxiproxy?.stop();
  }
}

function stackOptions(stackDir: string, layout: PortLayout, log: (line: string) => void) {
  return {
    stackDir,
    ports: layout.stack,
    adminToken: ADMIN_TOKEN,
    appSettings: {
      DELIVERY_RETRY_SCHEDULE: RETRY_SCHEDULE,
      STORE_REPORTS: '1000',
      LOG_LEVEL: 'warn',
    },
    log,
  };
}

/** Prepares the stack's webhooks, then injects each fault in turn into a steady stream of runs. */
async function runFaults(
  stack: ChaosStack,
  faultsToRun: readonly Fault[],
  receivers: readonly ChaosReceiver[],
  accepted: AcceptedDelivery[],
  mode: Mode,
  load: LoadSampler,
  log: (line: string) => void,
): Promise<FaultResult[]> {
  const client = new ValidityClient(stack.apiUrl, stack.authorization);
  const testId = await prepare(client, receivers, accepted, log);
  const faults: FaultResult[] = [];
  for (const fault of faultsToRun) {
    log(`${fault.name}: ${fault.action(mode.timing)}`);
    load.reset();
    const stream = streamReports(client, {
      eventsPerSecond: mode.eventsPerSecond,
      seconds: mode.streamSeconds,
      testId,
      giveUpAfterMs: 120_000,
    });
    await sleep(mode.injectAtS * 1_000);
    const laterCheck = await fault.inject({
      stack,
      target: receivers[0],
      timing: mode.timing,
      log,
      client,
      webhooks: WEBHOOKS,
      accepted,
    });
    const faultEndedAtMs = Date.now();
    const reports = await stream;
    await waitUntilDelivered(() => missingPairs(reports, WEBHOOKS, accepted), mode.deliveryDeadlineS, log);
    await sleep(mode.settleS * 1_000);
    const summary = summarise(reports, WEBHOOKS, accepted, faultEndedAtMs);
    const result = faultResult(
      fault.name,
      fault.action(mode.timing),
      summary,
      await laterCheck?.(reports.map((report) => report.id)),
      load.max(),
    );
    log(
      `${fault.name}: ${result.events} events, lost ${result.lost}, duplicates ${result.duplicates}, recovery ${result.recovery_s ?? '-'} s, load ${result.load_1m_max}${result.check ? `; ${result.check}` : ''}`,
    );
    faults.push(result);
  }
  return faults;
}

/** One compliance test, the three webhooks, and a first report every receiver got (the dispatcher knows them). */
async function prepare(
  client: ValidityClient,
  receivers: readonly ChaosReceiver[],
  accepted: readonly AcceptedDelivery[],
  log: (line: string) => void,
): Promise<number> {
  const test = await client.create<{ id: number }>('plugins/validity/tests/', {
    name: 'chaos-ntp-servers',
    description: 'NTP servers are the standard ones',
    expression: "jq.first('.ntp.servers', device.config) == ['10.0.0.1']",
    severity: 'HIGH',
  });
  await client.create(
    'extras/webhooks/',
    receivers.map((receiver) => ({
      name: `chaos-${receiver.webhook}`,
      content_types: ['validity.compliancereport'],
      type_create: true,
      payload_url: receiver.url,
      http_method: 'POST',
      timeout: WEBHOOK_TIMEOUT_S,
      enabled: true,
    })),
  );
  const [first] = await streamReports(client, {
    eventsPerSecond: 1,
    seconds: 1,
    testId: test.id,
    giveUpAfterMs: 30_000,
  });
  // The registry answers once a webhook is on Kafka, so the first report after it must arrive everywhere.
  if (!(await waitUntilDelivered(() => missingPairs([first], WEBHOOKS, accepted), 60, log))) {
    throw new Error('the first report after the webhooks were created did not reach every receiver in 60 s');
  }
  log('webhooks active: every receiver got the first report');
  return test.id;
}

/** Resolves true once nothing is missing, false at the deadline (the caller counts what is lost). */
async function waitUntilDelivered(
  missing: () => number,
  deadlineS: number,
  log: (line: string) => void,
): Promise<boolean> {
  const deadline = Date.now() + deadlineS * 1_000;
  let lastLog = Date.now();
  while (missing() > 0 && Date.now() < deadline) {
    if (Date.now() - lastLog > 10_000) {
      log(`waiting for ${missing()} deliveries`);
      lastLog = Date.now();
    }
    await sleep(200);
  }
  return missing() === 0;
}

async function writeResults(
  results: ReliabilityResults,
  out: string | undefined,
  partial: boolean,
  starved: boolean,
  log: (line: string) => void,
): Promise<void> {
  // The short form, and a run of some faults only (`--only`), never replace the committed full results.
  if (results.mode === 'short' || partial) {
    if (out) await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const resultsFile = await saveFullRun(repoRoot, results, starved);
  const docFile = await writeReliabilityPage(repoRoot);
  log(`written to ${resultsFile} and ${docFile}`);
}

/** App output goes to a file: the chaos run's own lines stay readable, the logs stay for a post-mortem. */
function appLog(file: string): (line: string) => void {
  mkdirSync(dirname(file), { recursive: true });
  const stream = createWriteStream(file, { flags: 'w' });
  return (line) => stream.write(`${new Date().toISOString()} ${line}\n`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Exits explicitly, as `npm start` does: a stopped stack can leave a pipe handle that keeps Node alive.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(
      `chaos failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
