import type { EntityManager } from 'typeorm';
import type { ComplianceReportFields } from '@validity/contracts';
import type { ReportsTables } from '../../storage/reports-tables';
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
