import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

import { startStackProcess, testPort, uniqueName } from '@validity/testing';

const PORTS = {
  GATEWAY_PORT: testPort(18000),
  REPORTS_PORT: testPort(18001),
  WEBHOOK_REGISTRY_PORT: testPort(18002),
  DISPATCHER_PORT: testPort(18003),
  INGEST_PORT: testPort(18004),
};
const POSTGRES_PORT = testPort(25349);
const KAFKA_PORT = testPort(18192);
const ADMIN_TOKEN = '0123456789abcdef0123456789abcdef01234567';

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function queryOnce<T extends object>(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const REPO_ROOT = join(__dirname, '..', '..', '..');
const SERVICES = ['gateway', 'reports', 'webhook-registry', 'dispatcher'];

function logText(stackDir: string, service: string): string {
  return readFileSync(join(stackDir, 'logs', `${service}.log`), 'utf8');
}

/** The `sh` blocks of one README section, as a user would paste them, pointed at `gatewayPort`. */
function readmeExample(heading: string, gatewayPort: number): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start).toBeGreaterThan(0);
  // Up to the next heading (`##`/`###`); a `#` comment inside a block is not one.
  const section = readme.slice(start + heading.length + 2).split(/\n##+ /)[0];
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);
  expect(blocks.length).toBeGreaterThan(0);
  return blocks.join('\n').replaceAll('http://127.0.0.1:8000', `http://127.0.0.1:${gatewayPort}`);
}

/** A directory only its owner (root, in CI) can enter, as a clone under `/root` is. */
function ownerOnlyDirectory(): string {
  const dir = join(REPO_ROOT, '.stack', 'test', uniqueName('owner-only'));
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o700);
  return dir;
}

describe('the stack as `npm start` runs it', () => {
  // Its own PostgreSQL and Kafka broker (a fresh stack dir), as a newcomer's `npm start` has. Not the run's
  // broker: this stack's services take the same consumer groups as the shared system stack's, so on one
  // broker they took partitions of its events and commands while running (and, not trusting its records'
  // HMAC key, dropped them): a spec beside this one waited for a delivery that never came.
  // The stack dir is inside a mode-700 directory: as root, PostgreSQL must still start there.
  const stackDir = join(ownerOnlyDirectory(), 'stack');
  const env = {
    ...Object.fromEntries(Object.entries(PORTS).map(([key, port]) => [key, String(port)])),
    ADMIN_TOKEN,
    STACK_DIR: stackDir,
    POSTGRES_PORT: String(POSTGRES_PORT),
    KAFKA_PORT: String(KAFKA_PORT),
    DATABASE_URL: undefined,
    KAFKA_BROKERS: undefined,
  };

  it('starts every app healthy from a directory only its owner can enter, prints the API URL and token, runs the README example, stops cleanly, keeps data across restarts, and on a Ctrl-C or a terminal hangup stops the apps before PostgreSQL and leaves nothing running, and after a SIGKILL of the runner the next start stops what it left', async () => {
    const requestId = '0b9d1c2e-5f3a-4e6b-8c7d-9a0b1c2d3e4f';
    const first = await startStackProcess(env);
    try {
      expect(first.apiUrl).toBe(`http://127.0.0.1:${PORTS.GATEWAY_PORT}/api/`);
      expect(first.adminToken).toBe(ADMIN_TOKEN);

      for (const [name, port] of Object.entries(PORTS)) {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        const body = (await response.json()) as { status: string; checks: Record<string, string> };
        expect({ name, status: response.status, health: body.status }).toEqual({
          name,
          status: 200,
          health: 'ok',
        });
      }
      const migrations = await queryOnce<{ schema: string }>(
        first.databaseUrl,
        `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'migrations' ORDER BY 1`,
      );
      expect(migrations.map((row) => row.schema)).toEqual([
        'dispatcher',
        'ingest',
        'registry',
        'reports',
        'users',
      ]);
      await queryOnce(
        first.databaseUrl,
        `INSERT INTO reports.relay_checkpoint (relay) VALUES ('kept-across-restart')`,
      );

      // The README's first compliance run, as written (only the port differs), on this fresh stack.
      const example = readmeExample('### A first compliance run', PORTS.GATEWAY_PORT);
      const output = execFileSync('bash', ['-euo', 'pipefail', '-c', example], {
        env: { ...process.env, ADMIN_TOKEN },
        encoding: 'utf8',
      });
      expect(output).toContain('"ntp"');
      expect(output).toContain('"r1"');

      await fetch(`${first.apiUrl}plugins/validity/tests/`, {
        headers: { Authorization: `Token ${ADMIN_TOKEN}`, 'X-Request-ID': requestId },
      });
    } catch (error) {
      // Never leave a stack running behind a failed expectation.
      await first.stop();
      throw error;
    }
    expect(await first.stop()).toBe(0);
    // Each service's log, under STACK_DIR, in one JSON format; the gateway and the reports service
    // each wrote an access-log line for the request, under its id.
    for (const service of SERVICES) {
      const lines = logText(stackDir, service).trimEnd().split('\n');
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries.filter((entry) => entry.service !== service)).toEqual([]);
      expect(entries.every((entry) => /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(String(entry.time)))).toBe(true);
      if (service === 'gateway' || service === 'reports') {
        expect(entries).toContainEqual(
          expect.objectContaining({
            request_id: requestId,
            req: { method: 'GET', path: '/api/plugins/validity/tests/' },
            res: { status: 200 },
          }),
        );
      }
    }
    for (const port of [...Object.values(PORTS), POSTGRES_PORT, KAFKA_PORT])
      expect({ port, listening: await isListening(port) }).toEqual({ port, listening: false });

    // Started as a terminal's foreground job and stopped by its Ctrl-C (SIGINT to the whole process
    // group), then again by the terminal closing (SIGHUP to the group, its output gone): the runner stops
    // the apps before PostgreSQL, so none loses its connections while stopping, and nothing outlives it.
    for (const ending of ['interrupt', 'hangUp'] as const) {
      const logSizes = new Map(SERVICES.map((service) => [service, logText(stackDir, service).length]));
      const again = await startStackProcess(env, { foreground: true });
      let ended = false;
      try {
        const kept = await queryOnce(
          again.databaseUrl,
          `SELECT relay FROM reports.relay_checkpoint WHERE relay = 'kept-across-restart'`,
        );
        expect(kept).toEqual([{ relay: 'kept-across-restart' }]);
        expect({ ending, code: await again[ending]() }).toEqual({ ending, code: 0 });
        ended = true;
      } finally {
        if (!ended) await again.stop();
      }
      const lostDatabase = SERVICES.flatMap((service) =>
        logText(stackDir, service)
          .slice(logSizes.get(service))
          .split('\n')
          .filter((line) => /administrator command|Connection terminated|ECONNREFUSED/.test(line)),
      );
      expect({ ending, lostDatabase }).toEqual({ ending, lostDatabase: [] });
      for (const port of [...Object.values(PORTS), POSTGRES_PORT, KAFKA_PORT])
        expect({ ending, port, listening: await isListening(port) }).toEqual({
          ending,
          port,
          listening: false,
        });
    }

    // The runner killed outright (SIGKILL, the OOM killer) stops nothing: the apps, Kafka and PostgreSQL
    // outlive it holding their ports. The next start stops what it left (from their pid files), then starts.
    const killed = await startStackProcess(env);
    const killedExit = new Promise((resolve) => killed.process.once('exit', resolve));
    killed.process.kill('SIGKILL');
    await killedExit;
    const next = await startStackProcess(env);
    expect(await next.stop()).toBe(0);
    const stoppedLeftovers = next.output.filter((line) => line.includes('left running by an earlier start'));
    expect(stoppedLeftovers.map((line) => line.replace(/ \(pid \d+\).*/, '')).sort()).toEqual(
      [...SERVICES, 'ingest', 'PostgreSQL', 'the Kafka broker'].map((name) => `Stopping ${name}`).sort(),
    );
    for (const port of [...Object.values(PORTS), POSTGRES_PORT, KAFKA_PORT])
      expect({ port, listening: await isListening(port) }).toEqual({ port, listening: false });
  }, 900_000); // five full stack starts
});
