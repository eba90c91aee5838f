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
 * Validity's retention (`store_reports`): keeps the newest `keep` reports and deletes the older ones with
 * their results. Returns the deleted reports as they were, for their delete events. The caller holds
 * `lockReportChanges`.
 */
export async function pruneOldReports(
  manager: EntityManager,
  tables: ReportsTables,
  keep: number,
): Promise<ComplianceReportFields[]> {
  const doomed: ComplianceReportRow[] = await manager.query(
    `SELECT ${complianceReportColumns('c')} FROM ${tables.reports} c ORDER BY ${NEWEST_REPORTS_FIRST} OFFSET $1`,
    [keep],
  );
  if (doomed.length === 0) return [];
  await removeReports(
    manager,
    tables,
    doomed.map((row) => row.id),
  );
  return doomed.map(complianceReportFromRow);
}
