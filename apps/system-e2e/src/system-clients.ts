import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadKafkaConnection } from '@validity/platform/config';
import { aComplianceRun, aComplianceTest, kcatConnectionArgs } from '@validity/testing';

/** The system stack's API, e.g. `http://127.0.0.1:28000/api/`, and its admin token (jest global setup). */
export const apiUrl = process.env.SYSTEM_API_URL!;
export const adminToken = process.env.SYSTEM_ADMIN_TOKEN!;

/** One REST call as a client makes it: JSON in, parsed JSON out (null for an empty body). */
export async function api(method: string, path: string, body?: unknown, token = adminToken) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  // Test code reads deep into NetBox bodies; a failed lookup fails the test anyway.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
}

/**
 * Every record of a topic as kcat (librdkafka, not our client) sees it, through the run's Kafka with its
 * TLS / SASL settings (`KAFKA_*`), as the services reach it.
 */
export async function kcatRecords(
  topic: string,
): Promise<Array<{ key: string; headers: string; value: string }>> {
  // Not spawnSync: a spec's receivers run in this process and must keep answering while kcat reads.
  const { stdout } = await promisify(execFile)(
    'kcat',
    [
      ...kcatConnectionArgs(loadKafkaConnection(process.env)),
      ...['-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k\\x1f%h\\x1f%s\\x1e'],
    ],
    { encoding: 'utf8', timeout: 30_000, maxBuffer: 256 * 1024 * 1024 },
  );
  return stdout
    .split('\x1e')
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const [key, headers, value] = entry.split('\x1f');
      return { key, headers, value };
    });
}

/** A compliance test and a run with one passing result of it: the Validity documentation's first run. */
export async function postPassingRun(prefix: string) {
  const test = await api(
    'POST',
    'plugins/validity/tests/',
    aComplianceTest({ name: `${prefix}-ntp`, severity: 'HIGH' }),
  );
  expect(test.status).toBe(201);
  const run = await api(
    'POST',
    'plugins/validity/reports/',
    aComplianceRun(test.body.id as number, 1, prefix),
  );
  expect(run.status).toBe(201);
  return run;
}
