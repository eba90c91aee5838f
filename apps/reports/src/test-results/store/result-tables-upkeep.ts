import type { EntityManager } from 'typeorm';
import type { ReportsTables } from '../../storage/reports-tables';

/**
 * Rows a table may gain in dead versions (or in changes since its statistics) before its upkeep is due,
 * plus this share of its rows: a run of 100,000 results replaces 100,000 latest marks, a purge deletes
 * as many results, and either is due at once; the one-result runs of a busy minute are not.
 */
const BASE_ROWS = 10_000;
const SCALE = 0.1;

/** What a results table needs now: `vacuum` (with its statistics) or only `analyze`. */
export interface TableUpkeep {
  table: string;
  upkeep: 'vacuum' | 'analyze';
}

/**
 * The results tables (`test_results`, `latest_test_results`) whose dead row versions or changes since their
 * last ANALYZE passed the threshold, from PostgreSQL's own counters. Both wait while a purge is under way:
 * its chunks delete results and their latest marks and pass the threshold every second or two, and each
 * VACUUM reads all of the table's indexes (seen this round: six of `test_results` in 12 s while `ingest`'s
 * 200,000 results were purged, and then repeated ones of `latest_test_results` for their 100,000 marks);
 * the one after the purge's last chunk clears them all.
 */
export async function resultTablesDue(manager: EntityManager, tables: ReportsTables): Promise<TableUpkeep[]> {
  const rows: Array<{ name: string; vacuum: boolean; analyze: boolean }> = await manager.query(
    `SELECT s.relname AS name,
       s.n_dead_tup > $2 + $3 * greatest(c.reltuples, 0) AS vacuum,
       s.n_mod_since_analyze > $2 + $3 * greatest(c.reltuples, 0) AS analyze
     FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
     WHERE s.schemaname = $1 AND s.relname = ANY($4::text[])
       AND NOT EXISTS (SELECT 1 FROM ${tables.purgingReports})`,
    [tables.schema, BASE_ROWS, SCALE, ['test_results', 'latest_test_results']],
  );
  return rows.flatMap((row): TableUpkeep[] => {
    const table = `"${tables.schema}"."${row.name}"`;
    if (row.vacuum) return [{ table, upkeep: 'vacuum' }];
    return row.analyze ? [{ table, upkeep: 'analyze' }] : [];
  });
}

/**
 * Vacuums (and analyzes) or analyzes one table, outside any transaction (VACUUM refuses one). SKIP_LOCKED:
 * autovacuum or another instance already on it does the same work, so this one does not queue behind it.
 */
export async function keepUpTable(manager: EntityManager, due: TableUpkeep): Promise<void> {
  await manager.query(
    due.upkeep === 'vacuum'
      ? `VACUUM (ANALYZE, SKIP_LOCKED) ${due.table}`
      : `ANALYZE (SKIP_LOCKED) ${due.table}`,
  );
}
