import type { BenchScenario } from '../src/bench-scenario';
import { pidListeningOn, residentBytes, sampleResidentPeak } from '../src/process-memory';
import { runBody, ValidityApi } from '../src/validity-api';

const TESTS = 100;
const DEVICES = 1_000;
const RESULTS = TESTS * DEVICES;
const MIB = 1024 * 1024;

/**
 * `ingest`: one 100,000-result run posted through the gateway; time until the 201 has arrived, and the
 * reports service's peak RSS meanwhile (sampled every 10 ms). Twice: on empty tables, then again over
 * the same tests and devices, where every result replaces a latest one.
 */
export const scenario: BenchScenario = {
  name: 'ingest',
  async run(stack, log) {
    const api = new ValidityApi(stack);
    const tests = await api.createTests('ingest', TESTS);
    const reportsPid = await pidListeningOn(stack.reportsPort);
    const idleBytes = await residentBytes(reportsPid);
    const measurements = [];
    for (const [run, label] of [
      [1, 'ingest'],
      [2, 'ingest-repeat'],
    ] as const) {
      const body = runBody(tests, DEVICES, run);
      const sampler = sampleResidentPeak(reportsPid);
      const answer = await api.postRun(body, RESULTS);
      const peakBytes = await sampler.stop();
      log(
        `${label}: report ${answer.body.id}, ${(body.length / MIB).toFixed(1)} MiB body, ${answer.millis.toFixed(0)} ms`,
      );
      measurements.push(
        { name: `${label} 100k results: time to 201`, value: answer.millis / 1000, unit: 's', target: 5 },
        { name: `${label} 100k results: reports peak RSS`, value: peakBytes / MIB, unit: 'MiB', target: 400 },
      );
      if (run === 1) {
        measurements.push({
          name: 'ingest 100k results: request body',
          value: body.length / MIB,
          unit: 'MiB',
          target: null,
        });
      }
    }
    measurements.push({
      name: 'reports RSS before ingest',
      value: idleBytes / MIB,
      unit: 'MiB',
      target: null,
    });
    return measurements;
  },
};
