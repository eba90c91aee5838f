import type { EntityManager } from 'typeorm';
import type { ComplianceReportFields } from '@validity/contracts';
import {
  complianceReportColumns,
  complianceReportFromRow,
  NEWEST_REPORTS_FIRST,
  type ComplianceReportRow,
} from '../reports/compliance-report.rows';
import { removeReports } from '../reports/remove-reports';
import type { ReportsTables } from '../storage/reports-tables';

/**
 * Validity's retention (`store_reports`): keeps the run's new report and the newest `keep - 1` others,
 * and deletes the older ones with their results. Returns the deleted reports as they were, for their
 * delete events. The caller holds `lockReportChanges`.
 *
 * The new report is kept by id, not by its `created` time: that was stamped before the run waited for
 * the lock, so runs that started later but committed first look newer, and ordering by time alone made a
 * run delete its own report (and then fail with 409 on its own created event).
 */
export async function pruneOldReports(
  manager: EntityManager,
  tables: ReportsTables,
  keep: number,
  newReportId: number,
): Promise<ComplianceReportFields[]> {
  const doomed: ComplianceReportRow[] = await manager.query(
    `SELECT ${complianceReportColumns('c')} FROM ${tables.reports} c WHERE c.id <> $2
     ORDER BY ${NEWEST_REPORTS_FIRST} OFFSET $1`,
    [keep - 1, newReportId],
  );
  if (doomed.length === 0) return [];
  await removeReports(
    manager,
    tables,
    doomed.map((row) => row.id),
  );
  return doomed.map(complianceReportFromRow);
}
