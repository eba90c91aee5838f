import type { EntityManager } from 'typeorm';
import type { ComplianceReportFields } from '@validity/contracts';
import type { ReportsTables } from '../../storage/reports-tables';
import { timestampParameter } from '../../storage/precise-time-column';
import {
  complianceReportColumns,
  complianceReportFromRow,
  type ComplianceReportRow,
} from './compliance-report.rows';

/** The stored report `id`, or `undefined` when there is none. */
export async function findComplianceReport(
  manager: EntityManager,
  tables: ReportsTables,
  id: number,
): Promise<ComplianceReportFields | undefined> {
  const [row]: ComplianceReportRow[] = await manager.query(
    `SELECT ${complianceReportColumns('c')} FROM ${tables.reports} c WHERE c.id = $1`,
    [id],
  );
  return row ? complianceReportFromRow(row) : undefined;
}

/** Inserts a report under its own id (a projection's replay; a run inserts its reports in `storeRuns`). */
export async function insertComplianceReport(
  manager: EntityManager,
  tables: ReportsTables,
  report: ComplianceReportFields,
): Promise<void> {
  await manager.query(
    `INSERT INTO ${tables.reports} (id, created, last_updated, custom_fields) VALUES ($1, $2, $3, $4)`,
    [
      report.id,
      timestampParameter(report.created),
      timestampParameter(report.lastUpdated),
      JSON.stringify(report.customFields),
    ],
  );
}
