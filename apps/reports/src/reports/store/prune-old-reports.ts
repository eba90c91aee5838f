import type { EntityManager } from 'typeorm';
import { NEWEST_REPORTS_FIRST } from './compliance-report.rows';
import type { ReportsTables } from '../../storage/reports-tables';

/**
 * Validity's retention (`store_reports`): the ids of the reports beyond the newest `keep`, ascending (the
 * oldest first). The caller holds `lockReportChanges`, deletes them, and announces each.
 *
 * The runs a pass acts for (`newReportIds`) are kept first, newest id first, and then the others by
 * `created`: a run's `created` was stamped before it committed, so runs that started later but committed
 * first look newer, and ordering by time alone made a run delete its own report.
 */
export async function reportsBeyondRetention(
  manager: EntityManager,
  tables: ReportsTables,
  keep: number,
  newReportIds: readonly number[],
): Promise<number[]> {
  const doomed: Array<{ id: number }> = await manager.query(
    `SELECT c.id FROM ${tables.reports} c
     ORDER BY (c.id = ANY($2::integer[])) DESC, CASE WHEN c.id = ANY($2::integer[]) THEN c.id END DESC,
       ${NEWEST_REPORTS_FIRST}
     OFFSET $1`,
    [keep, newReportIds],
  );
  return doomed.map((row) => row.id).sort((a, b) => a - b);
}
