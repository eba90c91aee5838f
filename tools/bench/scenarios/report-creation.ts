import { performance } from 'node:perf_hooks';
import type { BenchScenario } from '../src/bench-scenario';
import { percentile } from '../src/percentile';
import { runBody, ValidityApi } from '../src/validity-api';

const CONCURRENCY = 32;
const SECONDS = Number(process.env.BENCH_REPORT_CREATION_SECONDS ?? 20);
const TARGET_PER_SECOND = 500;

/**
 * `report-creation`: one-result compliance runs posted through the gateway by 32 clients at once, each
 * posting its next run as soon as the previous one answered, for SECONDS seconds: runs created per
 * second (every answer a 201 with its one result), and the answer time's p50 / p99.
 */
export const scenario: BenchScenario = {
  name: 'report-creation',
  async run(stack, log) {
    const api = new ValidityApi(stack);
    const [test] = await api.createTests(`creation-${Date.now()}`, 1);
    const millis: number[] = [];
    let failed = 0;
    let run = 0;
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    const client = async () => {
      while (performance.now() < deadline) {
        run += 1;
        try {
          millis.push((await api.postRun(runBody([test], 1, run), 1)).millis);
        } catch {
          failed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, client));
    const seconds = (performance.now() - started) / 1000;
    const rate = millis.length / seconds;
    log(
      `  report-creation: ${millis.length} runs created in ${seconds.toFixed(1)} s = ${rate.toFixed(0)}/s (${failed} failed)`,
    );
    if (millis.length === 0) throw new Error('report-creation: no run was created');
    return [
      {
        name: 'report-creation',
        value: rate,
        unit: 'reports/s',
        target: TARGET_PER_SECOND,
        better: 'higher',
      },
      { name: 'report-creation: clients', value: CONCURRENCY, unit: 'clients', target: null },
      { name: 'report-creation: answer p50', value: percentile(millis, 50), unit: 'ms', target: null },
      { name: 'report-creation: answer p99', value: percentile(millis, 99), unit: 'ms', target: null },
      { name: 'report-creation: failed', value: failed, unit: 'requests', target: 0 },
    ];
  },
};
