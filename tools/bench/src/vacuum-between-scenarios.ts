import { Client } from 'pg';

/**
 * Vacuums and analyzes the stack's whole database, as pgbench does before a run. A scenario that writes
 * hundreds of thousands of rows (`ingest`, `dispatch`, `results-list`) leaves vacuums due, and
 * autovacuum's launcher starts them up to a minute later: they fell on the first bursts of the next
 * scenario and decided its figures (`ingest`'s results table was vacuumed through `isolation`'s first
 * round). Done here, between scenarios, that work is off every measurement; the vacuums a scenario's own
 * writes set off are still part of what it measures. Returns how long it took, in ms.
 */
export async function vacuumBetweenScenarios(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const started = Date.now();
  try {
    await client.query('VACUUM (ANALYZE)');
    return Date.now() - started;
  } finally {
    await client.end();
  }
}
