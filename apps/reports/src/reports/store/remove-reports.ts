import type { EntityManager } from 'typeorm';
import type { ReportsTables } from '../../storage/reports-tables';
import { deleteResultsOfReports } from '../../test-results';

/**
 * Deletes reports with their results, results first as Validity does. Callers hold
 * `lockReportChanges`, which also keeps the latest-result bookkeeping consistent.
 */
export async function removeReports(
  manager: EntityManager,
  tables: ReportsTables,
  reportIds: readonly number[],
): Promise<void> {
  await deleteResultsOfReports(manager, tables, reportIds);
  await manager.query(`DELETE FROM ${tables.reports} WHERE id = ANY($1::integer[])`, [reportIds]);
}
