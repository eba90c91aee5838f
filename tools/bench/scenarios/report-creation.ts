import { performance } from 'node:perf_hooks';
import type { BenchScenario } from '../src/bench-scenario';
import { percentile } from '../src/percentile';
import { measureStackCost } from '../src/stack-cost';
import { runBody, ValidityApi } from '../src/validity-api';

const CONCURRENCY = 32;
const SECONDS = Number(process.env.BENCH_REPORT_CREATION_SECONDS ?? 20);
/** Unmeasured runs first, so connection pools, JIT and caches are warm when the clock starts. */
const WARM_UP_RUNS = 200;

/**
 * `report creation`: one-result compliance runs posted through the gateway by 32 concurrent clients
 * (closed loop: each posts its next run when the previous 201 arrived) for SECONDS seconds; runs
 * created per second, the p99 of a POST, and what a run costs the whole stack (CPU of every service,
 * Kafka and PostgreSQL; PostgreSQL write transactions). Every run keeps retention busy: the stack keeps
 * `STORE_REPORTS` reports, so each new run deletes the oldest.
 */
export const scenario: BenchScenario = {
  name: 'report-creation',
  async run(stack, log) {
    const api = new ValidityApi(stack);
    const [test] = await api.createTests(`creation-${Date.now()}`, 1);
    let run = 0;
    const post = () => api.postRun(runBody([test], 1, (run += 1)), 1);
    await closedLoop(CONCURRENCY, () => run < WARM_UP_RUNS, post);

    const millis: number[] = [];
    const cost = await measureStackCost(stack);
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    await closedLoop(
      CONCURRENCY,
      () => performance.now() < deadline,
      async () => void millis.push((await post()).millis),
    );
    const seconds = (performance.now() - started) / 1000;
    // Includes the relay and retention catching up right after the last answer (what the runs cost).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const { cpuMs, writeTransactions } = await cost.stop();
    const rate = millis.length / seconds;
    log(
      `  report creation: ${millis.length} runs in ${seconds.toFixed(1)} s = ${rate.toFixed(0)}/s; stack CPU ${(cpuMs / millis.length).toFixed(2)} ms and ${(writeTransactions / millis.length).toFixed(2)} write transactions per run`,
    );
    return [
      {
        name: 'report creation, one-result runs, 32 concurrent',
        value: rate,
        unit: 'runs/s',
        target: 500,
        better: 'higher',
      },
      { name: 'report creation: POST p99', value: percentile(millis, 99), unit: 'ms', target: null },
      {
        name: 'report creation: stack CPU per run',
        value: cpuMs / millis.length,
        unit: 'ms',
        target: null,
      },
      {
        name: 'report creation: write transactions per run',
        value: writeTransactions / millis.length,
        unit: 'transactions',
        target: null,
      },
    ];
  },
};

/** `clients` loops that each call `send` again as soon as it answered, while `more()` holds. */
async function closedLoop(clients: number, more: () => boolean, send: () => Promise<unknown>): Promise<void> {
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (more()) await send();
    }),
  );
}
