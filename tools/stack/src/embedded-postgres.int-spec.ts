import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

// Moved with the other test ports (libs/testing's testPort; not imported: tools may not depend on it).
const PORT = 25419 + Number(process.env.TEST_PORT_OFFSET ?? 0);

describe('startEmbeddedPostgres', () => {
  const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
  let stackDir: string;
  beforeAll(async () => {
    stackDir = await mkdtemp(path.join(os.tmpdir(), 'embedded-pg-it-'));
  });
  afterAll(async () => {
    Object.assign(process.env, saved);
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
    await rm(stackDir, { recursive: true, force: true });
  });

  it('creates and runs its cluster whatever locale the environment names, with Unicode-aware code-point text rules', async () => {
    // A locale this machine does not have, as an SSH session from a laptop often brings.
    process.env.LANG = 'xx_YY.UTF-8';
    process.env.LC_ALL = 'xx_YY.UTF-8';
    const postgres = await startEmbeddedPostgres({ stackDir, port: PORT });
    try {
      const client = new Client({ connectionString: postgres.databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<Record<string, unknown>>(
          `SELECT datlocprovider AS provider, datlocale AS locale, upper('élan') AS upper,
                  ARRAY(SELECT name FROM unnest(ARRAY['beta', 'Alpha', 'alpha', 'Beta']) AS name ORDER BY name) AS ordered
             FROM pg_database WHERE datname = current_database()`,
        );
        expect(rows).toEqual([
          { provider: 'b', locale: 'C.UTF-8', upper: 'ÉLAN', ordered: ['Alpha', 'Beta', 'alpha', 'beta'] },
        ]);
      } finally {
        await client.end();
      }
    } finally {
      await postgres.stop();
    }
  });
});
