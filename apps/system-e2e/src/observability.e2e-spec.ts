import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testPort } from '@validity/testing';

const apiUrl = process.env.SYSTEM_API_URL!;

/** Where the system stack runs each service (libs/testing's system global setup). */
const SERVICES: Record<string, string> = {
  gateway: new URL(apiUrl).origin,
  reports: `http://127.0.0.1:${testPort(28001)}`,
  'webhook-registry': `http://127.0.0.1:${testPort(28002)}`,
  dispatcher: `http://127.0.0.1:${testPort(28003)}`,
};

const EVERY_SERVICE = [
  'process_cpu_seconds_total',
  'process_resident_memory_bytes',
  'nodejs_eventloop_lag_seconds',
  'nodejs_heap_size_used_bytes',
  'validity_http_requests_total',
  'validity_http_request_duration_seconds',
  'validity_kafka_consumer_lag_records',
];

const DISPATCHER_ONLY = [
  'validity_dispatcher_deliveries_total',
  'validity_dispatcher_attempt_duration_seconds',
  'validity_dispatcher_delivery_lag_seconds',
  'validity_dispatcher_circuit_state',
  'validity_dispatcher_open_circuits',
  'validity_dispatcher_consumer_lag_records',
  'validity_dispatcher_backlog_deliveries',
  'validity_dispatcher_backlog_oldest_age_seconds',
  'validity_dispatcher_requests_in_flight',
];

/** Metric families (`# TYPE` lines) of one scrape. */
async function families(
  base: string,
): Promise<{ contentType: string | null; names: Set<string>; text: string }> {
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  const names = new Set([...text.matchAll(/^# TYPE (\S+) \S+$/gm)].map((match) => match[1]));
  return { contentType: response.headers.get('content-type'), names, text };
}

describe('metrics of every service', () => {
  it.each(Object.keys(SERVICES))(
    '%s answers GET /metrics without a token, in the Prometheus text format, with process and HTTP metrics',
    async (service) => {
      await families(SERVICES[service]);
      const { contentType, names, text } = await families(SERVICES[service]);
      expect(contentType).toMatch(/^text\/plain;.*version=0\.0\.4/);
      const expected = service === 'dispatcher' ? [...EVERY_SERVICE, ...DISPATCHER_ONLY] : EVERY_SERVICE;
      expect(expected.filter((name) => !names.has(name))).toEqual([]);
      // The first scrape was counted, under its route template and this service's name.
      expect(text).toMatch(
        new RegExp(
          `^validity_http_requests_total\\{method="GET",route="/metrics",status="200",service="${service}"\\} [1-9]`,
          'm',
        ),
      );
      // Every service follows users.tokens; its lag is a series of its own.
      expect(text).toMatch(
        new RegExp(
          `^validity_kafka_consumer_lag_records\\{consumer="${service}-tokens",topic="users\\.tokens",partition="0",service="${service}"\\} \\d+$`,
          'm',
        ),
      );
    },
  );

  it('serves every metric the Grafana dashboard in docs/ queries', async () => {
    const served = new Set<string>();
    for (const base of Object.values(SERVICES))
      for (const name of (await families(base)).names) served.add(name);
    const dashboard = readFileSync(
      join(__dirname, '..', '..', '..', 'docs', 'grafana-dashboard.json'),
      'utf8',
    );
    const exprs = [...dashboard.matchAll(/"(?:expr|query)": "([^"\\]*(?:\\.[^"\\]*)*)"/g)].map(
      (match) => match[1],
    );
    const queried = new Set(
      exprs.flatMap((expr) =>
        [...expr.matchAll(/\b((?:validity|process|nodejs)_[a-z0-9_]+)\b/g)].map((match) =>
          match[1].replace(/_(bucket|count|sum)$/, ''),
        ),
      ),
    );
    expect(queried.size).toBeGreaterThan(10);
    expect([...queried].filter((name) => !served.has(name))).toEqual([]);
  });
});
