import type { EntityManager } from 'typeorm';
import type { ComplianceReportFields } from '@validity/contracts';
import type { ReportsTables } from '../../storage/reports-tables';
import { timestampParameter } from '../../storage/precise-time-column';

/** Inserts reports under their own ids, in one statement (a run's new reports, or a projection's replay). */
export async function insertComplianceReports(
  manager: EntityManager,
  tables: ReportsTables,
  reports: readonly ComplianceReportFields[],
): Promise<void> {
  await manager.query(
    `INSERT INTO ${tables.reports} (id, created, last_updated, custom_fields)
     SELECT * FROM unnest($1::integer[], $2::timestamptz[], $3::timestamptz[], $4::jsonb[])`,
    [
      reports.map((report) => report.id),
      reports.map((report) => timestampParameter(report.created)),
      reports.map((report) => timestampParameter(report.lastUpdated)),
      reports.map((report) => JSON.stringify(report.customFields)),
    ],
  );
}
