import { setTimeout as sleep } from 'node:timers/promises';

type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;

/**
 * Waits until the purge has deleted the results of every deleted report in `schema` (none is listed in
 * `purging_reports` any more). A wait, not a timed assertion: the spec's timeout bounds it.
 */
export async function purgeFinished(query: Query, schema: string): Promise<void> {
  for (;;) {
    const result = (await query(`SELECT count(*)::int AS purging FROM "${schema}"."purging_reports"`)) as
      Array<{ purging: number }> | { rows: Array<{ purging: number }> };
    const [row] = Array.isArray(result) ? result : result.rows;
    if (row.purging === 0) return;
    await sleep(50);
  }
}
