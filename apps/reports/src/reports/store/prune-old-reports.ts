import type { Statement } from '@validity/platform/database';
import { NEWEST_REPORTS_FIRST } from './compliance-report.rows';
import type { ReportsTables } from '../../storage/reports-tables';

/**
 * Validity's retention (`store_reports`): the query whose rows' `id` are the reports beyond the newest
 * `keep`, in no particular order (a statement of its own, or a subquery of one that reads more about them).
 * The caller holds `lockReportChanges`, deletes them, and announces each.
 *
 * The runs a pass acts for (`newReportIds`) are kept first, newest id first, and then the others by
 * `created`: a run's `created` was stamped before it committed, so runs that started later but committed
 * first look newer, and ordering by time alone made a run delete its own report.
 */
export function beyondRetentionQuery(
  tables: ReportsTables,
  keep: number,
  newReportIds: readonly number[],
): Statement {
  return {
    sql: `SELECT c.id FROM ${tables.reports} c
     ORDER BY (c.id = ANY($2::integer[])) DESC, CASE WHEN c.id = ANY($2::integer[]) THEN c.id END DESC,
       ${NEWEST_REPORTS_FIRST}
     OFFSET $1`,
    parameters: [keep, newReportIds],
  };
}
