import type { BenchScenario, Measurement } from '../src/bench-scenario';
import { percentile } from '../src/percentile';
import { runBody, ValidityApi } from '../src/validity-api';

const STORED_RESULTS = 1_000_000;
const TESTS = 100;
const DEVICES = 1_000;
const WARM_UP = 20;
const REQUESTS = 300;
const TARGET_P99_MS = 50;

interface Page {
  count: number;
  results: Array<{ id: number; device: { id: number }; test: { id: number } }>;
}

/**
 * `results-list`: with at least 1,000,000 results stored (runs of 100,000 posted through the API), the
 * latency of filtered pages of `/test-results/` through the gateway, one request at a time after a
 * warm-up: p50 and p99 per filter (the nearest-rank value of 300 requests each).
 */
export const scenario: BenchScenario = {
  name: 'results-list',
  async run(stack, log) {
    const api = new ValidityApi(stack);
    let stored = (await api.send<Page>('GET', 'test-results/?brief=1&limit=1')).body.count;
    if (stored < STORED_RESULTS) {
      const tests = await api.createTests('list', TESTS);
      for (let run = 10; stored < STORED_RESULTS; run += 1) {
        await api.postRun(runBody(tests, DEVICES, run), TESTS * DEVICES);
        stored = (await api.send<Page>('GET', 'test-results/?brief=1&limit=1')).body.count;
        log(`results-list: ${stored} results stored`);
      }
    }
    const reports = (await api.send<{ results: Array<{ id: number }> }>('GET', 'reports/?brief=1')).body
      .results;
    const middleReport = reports[Math.floor(reports.length / 2)].id;
    const sample = (await api.send<Page>('GET', `test-results/?report_id=${middleReport}&limit=1`)).body
      .results[0];

    const filters: Array<[label: string, query: string]> = [
      ['report_id + passed=False, 50 per page', `report_id=${middleReport}&passed=False`],
      ['device_id + latest=true, 50 per page', `device_id=${sample.device.id}&latest=true`],
      ['test_id + passed=False, 50 per page', `test_id=${sample.test.id}&passed=False`],
      ['severity=HIGH + passed=False, 50 per page', 'severity=HIGH&passed=False'],
      ['q=<device name>, 50 per page', 'q=bench-device-123'],
      ['report_id, 1000 per page (pynetbox .filter)', `report_id=${middleReport}&limit=0`],
    ];
    const measurements: Measurement[] = [
      { name: 'results-list: results stored', value: stored, unit: 'results', target: null },
    ];
    for (const [label, query] of filters) {
      const latencies: number[] = [];
      for (let request = 0; request < WARM_UP + REQUESTS; request += 1) {
        const answer = await api.send<Page>('GET', `test-results/?${query}`);
        if (answer.status !== 200) throw new Error(`${query} answered ${answer.status}`);
        if (request >= WARM_UP) latencies.push(answer.millis);
      }
      const fullPage = label.includes('1000 per page');
      measurements.push(
        { name: `results-list ${label}: p50`, value: percentile(latencies, 50), unit: 'ms', target: null },
        {
          name: `results-list ${label}: p99`,
          value: percentile(latencies, 99),
          unit: 'ms',
          target: fullPage ? null : TARGET_P99_MS,
        },
      );
      log(
        `results-list ${label}: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
      );
    }
    return measurements;
  },
};
