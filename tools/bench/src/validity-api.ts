import { performance } from 'node:perf_hooks';
import { Pool, type Dispatcher } from 'undici';
import type { BenchStack } from './bench-stack';

export interface TimedAnswer<T> {
  status: number;
  millis: number;
  body: T;
}

/**
 * What the scenarios ask of the stack, through the gateway as any client would. Over undici's `Pool`, not
 * `fetch`: at 200 runs/s `fetch` cost this process ~1 ms of CPU per request, a tenth of the stack's, on the
 * same two cores the stack is measured on; a client on another machine would cost the stack nothing.
 */
export class ValidityApi {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(private readonly stack: BenchStack) {
    const url = new URL(stack.apiUrl);
    this.pool = new Pool(url.origin, { connections: 128 });
    this.basePath = `${url.pathname}plugins/validity/`;
  }

  /** Sends a request and times it until the whole answer body has arrived. */
  async send<T>(method: Dispatcher.HttpMethod, path: string, body?: string): Promise<TimedAnswer<T>> {
    const started = performance.now();
    const response = await this.pool.request({
      method,
      path: `${this.basePath}${path}`,
      headers: { authorization: this.stack.authorization, 'content-type': 'application/json' },
      body,
    });
    const text = await response.body.text();
    return { status: response.statusCode, millis: performance.now() - started, body: JSON.parse(text) as T };
  }

  async createTests(prefix: string, count: number): Promise<number[]> {
    const severities = ['LOW', 'MIDDLE', 'HIGH'];
    const ids: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const created = await this.send<{ id: number }>(
        'POST',
        'tests/',
        JSON.stringify({
          name: `${prefix}-${index}`,
          description: 'benchmark test',
          expression: "jq.first('.ntp.servers', device.config) == ['10.0.0.1']",
          severity: severities[index % severities.length],
        }),
      );
      if (created.status !== 201)
        throw new Error(`creating a test answered ${created.status}: ${JSON.stringify(created.body)}`);
      ids.push(created.body.id);
    }
    return ids;
  }

  /** Stores one run; throws unless it was accepted whole. */
  async postRun(
    body: string,
    expectedResults: number,
  ): Promise<TimedAnswer<{ id: number; total_count: number }>> {
    const answer = await this.send<{ id: number; total_count: number }>('POST', 'reports/', body);
    if (answer.status !== 201 || answer.body.total_count !== expectedResults) {
      throw new Error(`run answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`);
    }
    return answer;
  }
}

/**
 * The body of one compliance run: every test on every device, devices by name as a runner sends them,
 * about one result in seven failed with a Validity-style explanation.
 */
export function runBody(testIds: readonly number[], deviceCount: number, run: number): string {
  const results = [];
  for (let device = 0; device < deviceCount; device += 1) {
    for (const test of testIds) {
      const passed = (device + test + run) % 7 !== 0;
      results.push({
        test,
        device: { name: `bench-device-${device}` },
        passed,
        explanation: passed
          ? []
          : [["jq.first('.ntp.servers', device.config)", [`10.0.${run}.${device % 250}`]]],
        dynamic_pair: null,
      });
    }
  }
  return JSON.stringify({ results, custom_fields: {} });
}
