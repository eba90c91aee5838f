import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { machineInfo } from '@validity/stack';
import { ChaosStack } from '../chaos-stack';
import { writeReliabilityPage } from '../reliability-results';
import { StopOnInterrupt } from '../stop-on-interrupt';
import { ValidityClient } from '../validity-client';
import { soakCharts } from './soak-charts';
import { SLOW_ANSWER_MS, SoakReceiver, SOAK_WEBHOOKS } from './soak-receiver';
import { SoakSampler } from './soak-sampler';
import { judgeSoak, SOAK_THRESHOLDS, type SoakSample } from './soak-verdict';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const ADMIN_TOKEN = '50a650a650a650a650a650a650a650a650a650a6';
const RETRY_SCHEDULE = '1,2,4,8,16,30,60,60,60,60';
const SAMPLE_EVERY_MS = 10_000;
const MAX_IN_FLIGHT = 16;
const TESTS = 10;
const DELIVERY_DEADLINE_MS = 300_000;
/** When docs/benchmarks.md has no dispatch figure. */
const FALLBACK_DISPATCH_PER_S = 400;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** Half of the dispatch rate `npm run bench` measured (docs/benchmarks.md), in events/s over ten webhooks. */
async function halfTheDispatchRate(): Promise<{ eventsPerSecond: number; source: string }> {
  const doc = await readFile(join(repoRoot, 'docs', 'benchmarks.md'), 'utf8').catch(() => '');
  const measured = /^\| dispatch \| (\d+(?:\.\d+)?) \| deliveries\/s/m.exec(doc)?.[1];
  const perS = measured === undefined ? FALLBACK_DISPATCH_PER_S : Number(measured);
  return {
    eventsPerSecond: Math.max(1, Math.round(perS / 2 / SOAK_WEBHOOKS.length)),
    source:
      measured === undefined
        ? `fallback ${perS} deliveries/s`
        : `half of the dispatch rate in docs/benchmarks.md, ${perS} deliveries/s over ${SOAK_WEBHOOKS.length} webhooks`,
  };
}

/**
 * Deliveries in flight per webhook: enough for the slow receiver to take the target rate with room to spare
 * (twice rate x answer time). With the product's default of 10, a receiver answering in 0.8 s takes at most
 * 12.5 deliveries/s, so any faster soak would measure that one webhook's ever-growing backlog instead of leaks.
 */
function concurrencyFor(eventsPerSecond: number): number {
  return Math.max(10, Math.ceil((2 * eventsPerSecond * SLOW_ANSWER_MS) / 1_000));
}

/** 1 to 1,000 results, log-uniform: most runs are small, a few are whole-network runs. */
function resultCount(): number {
  return Math.max(1, Math.round(10 ** (3 * Math.random())));
}

/**
 * `npm run soak [-- --minutes N] [--events-per-second R] [--ports-from P]`: runs the stack for N minutes
 * (default 60) at half the measured dispatch rate with compliance runs of 1-1,000 results to ten webhooks
 * (one fails 5 % of requests, one is slow), samples every 10 s, then waits for every delivery and judges
 * the run (see soak-verdict.ts). Writes reliability/results/soak.json, the charts and docs/reliability.md.
 */
async function main(): Promise<void> {
  const minutes = Number(option('--minutes') ?? 60);
  const rate = option('--events-per-second');
  const calibrateSeconds = Number(option('--calibrate-seconds') ?? 120);
  // The dispatch bound sizes the stack; the calibration below can only lower the rate.
  const dispatchBound = rate
    ? { eventsPerSecond: Number(rate), source: '--events-per-second' }
    : await halfTheDispatchRate();
  const base = Number(option('--ports-from') ?? 24_100 + Number(process.env.CHAOS_PORT_OFFSET ?? 0));
  const log = (line: string) =>
    process.stderr.write(`[soak] ${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const stackDir = join(repoRoot, '.stack', 'soak');
  const concurrency = concurrencyFor(dispatchBound.eventsPerSecond);
  log(
    `starting the stack in ${stackDir}; ${minutes} min at up to ${dispatchBound.eventsPerSecond} runs/s (${dispatchBound.source}), ${concurrency} deliveries in flight per webhook`,
  );
  const stack = await ChaosStack.start({
    stackDir,
    ports: {
      gateway: base,
      reports: base + 1,
      registry: base + 2,
      dispatcher: base + 3,
      ingest: base + 4,
      kafka: base + 20,
      postgres: base + 30,
    },
    adminToken: ADMIN_TOKEN,
    appSettings: {
      DELIVERY_RETRY_SCHEDULE: RETRY_SCHEDULE,
      DELIVERY_CONCURRENCY_PER_WEBHOOK: String(concurrency),
      LOG_LEVEL: 'warn',
    },
    log: () => undefined,
  });
  new StopOnInterrupt(log).add(() => stack.stop());
  const receiver = new SoakReceiver(base + 10);
  let sampler: SoakSampler | undefined;
  try {
    await receiver.up();
    const client = new ValidityClient(stack.apiUrl, stack.authorization);
    const testIds: number[] = [];
    for (let index = 0; index < TESTS; index += 1) {
      const test = await client.create<{ id: number }>('plugins/validity/tests/', {
        name: `soak-test-${index}`,
        description: 'soak',
        expression: 'device.name',
        severity: 'MIDDLE',
      });
      testIds.push(test.id);
    }
    await client.create(
      'extras/webhooks/',
      SOAK_WEBHOOKS.map((name) => ({
        name: `soak-${name}`,
        content_types: ['validity.compliancereport'],
        type_create: true,
        payload_url: receiver.url(name),
        http_method: 'POST',
        timeout: 2,
        enabled: true,
      })),
    );
    const names = ['gateway', 'reports', 'webhook-registry', 'dispatcher', 'ingest'];
    sampler = await SoakSampler.open(
      names.map((name, index) => ({ name, port: base + index, pid: () => stack.appPid(name) })),
      stack.databaseUrl,
      stack.kafkaBrokers,
    );

    const calibration: number[] = [];
    let target = dispatchBound;
    if (!rate) {
      log(`calibrating: runs posted unpaced for ${calibrateSeconds} s, then every delivery awaited`);
      const sustained = await sustainedRunsPerSecond(
        client,
        testIds,
        receiver,
        calibrateSeconds,
        calibration,
      );
      const half = Math.max(0.5, Math.round((sustained / 2) * 10) / 10);
      if (half < dispatchBound.eventsPerSecond) {
        target = {
          eventsPerSecond: half,
          source: `half of the ${Math.round(sustained * 10) / 10} runs/s the stack sustained end to end for this mix in a ${calibrateSeconds} s calibration; ${dispatchBound.source} allowed ${dispatchBound.eventsPerSecond}`,
        };
      }
      log(`sustained ${sustained.toFixed(1)} runs/s; soaking at ${target.eventsPerSecond} runs/s`);
    }

    const confirmed: number[] = [];
    const samples: SoakSample[] = [];
    receiver.startClock();
    const startedAt = Date.now();
    const durationMs = minutes * 60_000;
    const samplerLoop = (async () => {
      for (let next = startedAt + SAMPLE_EVERY_MS; next <= startedAt + durationMs; next += SAMPLE_EVERY_MS) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
        const sample = await sampler!.sample(
          Math.round((Date.now() - startedAt) / 1_000),
          receiver.takeWindow(),
          confirmed.length,
        );
        samples.push(sample);
        if (samples.length % 6 === 0) {
          log(
            `${sample.t_s} s: ${confirmed.length} runs, lag ${sample.consumer_lag}, p99 ${sample.delivery_p99_ms} ms, dispatcher ${sample.rss_mib.dispatcher} MiB, PostgreSQL ${(sample.postgres_table_mib + sample.postgres_index_mib).toFixed(1)} MiB`,
          );
        }
      }
    })();
    const failedPosts = await streamRuns(client, testIds, confirmed, {
      untilMs: startedAt + durationMs,
      runsPerSecond: target.eventsPerSecond,
    });
    await samplerLoop;
    const streamS = (Date.now() - startedAt) / 1_000;
    log(`stream over: ${confirmed.length} runs confirmed, ${failedPosts} not; waiting for every delivery`);
    const deadline = Date.now() + DELIVERY_DEADLINE_MS;
    const everyRun = [...calibration, ...confirmed];
    while (receiver.missing(everyRun) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const lost = receiver.missing(everyRun);
    const verdict = judgeSoak(samples, receiver.latencies, minutes * 60, lost);
    const soak = {
      generated_at: new Date().toISOString(),
      minutes,
      target_events_per_second: target.eventsPerSecond,
      target_source: target.source,
      calibration_runs: calibration.length,
      concurrency_per_webhook: concurrency,
      achieved_events_per_second: Math.round((confirmed.length / streamS) * 10) / 10,
      webhooks: SOAK_WEBHOOKS.length,
      runs_confirmed: confirmed.length,
      runs_not_confirmed: failedPosts,
      deliveries_expected: confirmed.length * SOAK_WEBHOOKS.length,
      thresholds: SOAK_THRESHOLDS,
      verdict,
      machine: machineInfo(stack.versions),
      samples,
    };
    await mkdir(join(repoRoot, 'reliability', 'results'), { recursive: true });
    await writeFile(
      join(repoRoot, 'reliability', 'results', 'soak.json'),
      `${JSON.stringify(soak, null, 1)}\n`,
    );
    const charts = soakCharts(samples);
    await writeFile(join(repoRoot, 'docs', 'reliability-soak-memory.svg'), charts.memory);
    await writeFile(join(repoRoot, 'docs', 'reliability-soak-latency.svg'), charts.latency);
    log(`${verdict.passed ? 'passed' : 'FAILED'}: ${JSON.stringify(verdict)}`);
    // The page needs a fault table too; without one, the next `npm run chaos` adds this section.
    await writeReliabilityPage(repoRoot);
    if (!verdict.passed) process.exitCode = 1;
  } finally {
    await sampler?.close();
    await receiver.down();
    await stack.stop();
  }
}

/**
 * Posts compliance runs until `untilMs`, at most 16 in flight, paced to `runsPerSecond` when given;
 * pushes each confirmed report id to `confirmed` as it comes (the sampler reads it live). Returns how many
 * runs the API never confirmed.
 */
async function streamRuns(
  client: ValidityClient,
  testIds: readonly number[],
  confirmed: number[],
  options: { untilMs: number; runsPerSecond?: number },
): Promise<number> {
  const startedAt = Date.now();
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  for (let index = 0; Date.now() < options.untilMs; index += 1) {
    if (options.runsPerSecond) {
      const due = startedAt + (index * 1_000) / options.runsPerSecond;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    }
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const post: Promise<void> = postRun(client, testIds, index).then(
      (id) => void (id === undefined ? (failed += 1) : confirmed.push(id)),
    );
    const slot = post.finally(() => inFlight.delete(slot));
    inFlight.add(slot);
  }
  await Promise.all(inFlight);
  return failed;
}

/**
 * What the stack sustains end to end for the soak's mix, in runs/s: runs posted unpaced for `seconds`, then
 * every one of their deliveries awaited, counted from the first post to the last delivery. The soak then
 * runs at half of it, so it measures leaks and drift rather than a backlog at saturation.
 */
async function sustainedRunsPerSecond(
  client: ValidityClient,
  testIds: readonly number[],
  receiver: SoakReceiver,
  seconds: number,
  confirmed: number[],
): Promise<number> {
  const startedAt = Date.now();
  await streamRuns(client, testIds, confirmed, { untilMs: startedAt + seconds * 1_000 });
  const deadline = Date.now() + DELIVERY_DEADLINE_MS;
  while (receiver.missing(confirmed) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return confirmed.length / ((Date.now() - startedAt) / 1_000);
}

/** One compliance run; its report id once the API confirmed it, undefined if it never did (2 min). */
async function postRun(
  client: ValidityClient,
  testIds: readonly number[],
  index: number,
): Promise<number | undefined> {
  const size = resultCount();
  const body = {
    results: Array.from({ length: size }, (_, result) => ({
      test: testIds[result % testIds.length],
      device: { name: `soak-device-${Math.floor(result / testIds.length)}` },
      passed: (index + result) % 7 !== 0,
      explanation: [],
    })),
    custom_fields: {},
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const answer = await client.call('POST', 'plugins/validity/reports/', body);
      if (answer.status === 201) return (answer.body as { id: number }).id;
      if (answer.status < 500) return undefined;
    } catch {
      // Timed out or refused: posted again, as a runner would.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(
      `soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
