import type { EntityManager } from 'typeorm';
import type { Statement } from '@validity/platform/database';
import type { ComplianceReportFields } from '@validity/contracts';
import type { ReportsTables } from '../../storage/reports-tables';
import { timestampParameter } from '../../storage/precise-time-column';

/** Inserts reports under their own ids, in one statement (a run's new reports, or a projection's replay). */
export async function insertComplianceReports(
  manager: EntityManager,
  tables: ReportsTables,
  reports: readonly ComplianceReportFields[],
): Promise<void> {
  const { sql, parameters } = complianceReportsInsert(tables, reports);
  await manager.query(sql, [...(parameters ?? [])]);
}

/** `insertComplianceReports` as a statement, for a caller that sends it with others in one round trip. */
export function complianceReportsInsert(
  tables: ReportsTables,
  reports: readonly ComplianceReportFields[],
): Statement {
  return {
    sql: `INSERT INTO ${tables.reports} (id, created, last_updated, custom_fields)
     SELECT * FROM unnest($1::integer[], $2::timestamptz[], $3::timestamptz[], $4::jsonb[])`,
    parameters: [
      reports.map((report) => report.id),
      reports.map((report) => timestampParameter(report.created)),
      reports.map((report) => timestampParameter(report.lastUpdated)),
      reports.map((report) => JSON.stringify(report.customFields)),
    ],
  };
}
