import type { EntityManager } from 'typeorm';
import type { ComplianceReportFields } from '@validity/contracts';
import {
  complianceReportColumns,
  complianceReportFromRow,
  NEWEST_REPORTS_FIRST,
  type ComplianceReportRow,
} from './compliance-report.rows';
import { removeReports } from './remove-reports';
import type { ReportsTables } from '../../storage/reports-tables';

/**
 * Validity's retention (`store_reports`): keeps the newest `keep` reports and deletes the older ones with
 * their results. Returns the deleted reports as they were, oldest first, for their delete events. The
 * caller holds `lockReportChanges`.
 *
 * The runs a pass acts for (`newReportIds`) are kept first, newest id first, and then the others by
 * `created`: a run's `created` was stamped before it committed, so runs that started later but committed
 * first look newer, and ordering by time alone made a run delete its own report.
 */
export async function pruneOldReports(
  manager: EntityManager,
  tables: ReportsTables,
  keep: number,
  newReportIds: readonly number[],
): Promise<ComplianceReportFields[]> {
  const doomed: ComplianceReportRow[] = await manager.query(
    `SELECT ${complianceReportColumns('c')} FROM ${tables.reports} c
     ORDER BY (c.id = ANY($2::integer[])) DESC, CASE WHEN c.id = ANY($2::integer[]) THEN c.id END DESC,
       ${NEWEST_REPORTS_FIRST}
     OFFSET $1`,
    [keep, newReportIds],
  );
  if (doomed.length === 0) return [];
  await removeReports(
    manager,
    tables,
    doomed.map((row) => row.id),
  );
  return doomed.map(complianceReportFromRow).sort((a, b) => a.id - b.id);
}
