import type { EntityManager } from 'typeorm';
import type { ComplianceReportCounts } from '@validity/contracts';
import type { ReportsTables } from '../../storage/reports-tables';
import { NO_RESULTS } from '../domain/run-counts';

interface CountsRow {
  report_id: number;
  device_count: string;
  test_count: string;
  total_count: string;
  total_passed: string;
  low_count: string;
  low_passed: string;
  middle_count: string;
  middle_passed: string;
  high_count: string;
  high_passed: string;
}

/**
 * Validity's report statistics, computed from the results as Validity does (they are not stored), for a
 * whole page of reports in one grouped query over the results' report index; severity is the test's.
 */
export async function reportCounts(
  manager: EntityManager,
  tables: ReportsTables,
  reportIds: readonly number[],
): Promise<Map<number, ComplianceReportCounts>> {
  const counts = new Map(reportIds.map((id) => [id, NO_RESULTS]));
  if (reportIds.length === 0) return counts;
  const rows: CountsRow[] = await manager.query(
    `SELECT r.report_id,
       count(DISTINCT r.device_id) AS device_count,
       count(DISTINCT r.test_id) AS test_count,
       count(*) AS total_count,
       count(*) FILTER (WHERE r.passed) AS total_passed,
       count(*) FILTER (WHERE t.severity = 'LOW') AS low_count,
       count(*) FILTER (WHERE t.severity = 'LOW' AND r.passed) AS low_passed,
       count(*) FILTER (WHERE t.severity = 'MIDDLE') AS middle_count,
       count(*) FILTER (WHERE t.severity = 'MIDDLE' AND r.passed) AS middle_passed,
       count(*) FILTER (WHERE t.severity = 'HIGH') AS high_count,
       count(*) FILTER (WHERE t.severity = 'HIGH' AND r.passed) AS high_passed
     FROM ${tables.results} r JOIN ${tables.tests} t ON t.id = r.test_id
     WHERE r.report_id = ANY($1::integer[])
     GROUP BY r.report_id`,
    [reportIds],
  );
  for (const row of rows) {
    counts.set(row.report_id, {
      deviceCount: Number(row.device_count),
      testCount: Number(row.test_count),
      totalPassed: Number(row.total_passed),
      totalCount: Number(row.total_count),
      lowPassed: Number(row.low_passed),
      lowCount: Number(row.low_count),
      middlePassed: Number(row.middle_passed),
      middleCount: Number(row.middle_count),
      highPassed: Number(row.high_passed),
      highCount: Number(row.high_count),
    });
  }
  return counts;
}
