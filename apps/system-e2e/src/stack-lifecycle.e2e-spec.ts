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
const POSTGRES_PORT = testPort(54349);
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

describe('the stack as `npm start` runs it', () => {
  // Its own embedded PostgreSQL (a fresh stack dir) to prove that path; the run's Kafka broker is reused.
  const env = {
    ...Object.fromEntries(Object.entries(PORTS).map(([key, port]) => [key, String(port)])),
    ADMIN_TOKEN,
    STACK_DIR: join(__dirname, '..', '..', '..', '.stack', 'test', uniqueName('system')),
    POSTGRES_PORT: String(POSTGRES_PORT),
    DATABASE_URL: undefined,
  };

  it('starts every app healthy, prints the API URL and token, stops cleanly, and keeps data across restarts', async () => {
    const first = await startStackProcess(env);
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
    expect(migrations.map((row) => row.schema)).toEqual(['dispatcher', 'registry', 'reports', 'users']);
    await queryOnce(
      first.databaseUrl,
      `INSERT INTO reports.relay_checkpoint (relay) VALUES ('kept-across-restart')`,
    );

    expect(await first.stop()).toBe(0);
    for (const port of Object.values(PORTS)) expect(await isListening(port)).toBe(false);
    expect(await isListening(POSTGRES_PORT)).toBe(false);

    const second = await startStackProcess(env);
    try {
      const kept = await queryOnce(
        second.databaseUrl,
        `SELECT relay FROM reports.relay_checkpoint WHERE relay = 'kept-across-restart'`,
      );
      expect(kept).toEqual([{ relay: 'kept-across-restart' }]);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 300_000);
});
