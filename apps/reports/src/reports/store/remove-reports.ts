import type { EntityManager } from 'typeorm';
import type { ReportsTables } from '../../storage/reports-tables';
import { integerArray } from '../../storage/integer-array';
import { resultsOfReportsDeletion } from '../../test-results';

/**
 * Deletes reports with their results, results first as Validity does. Callers hold
 * `lockReportChanges`, which also keeps the latest-result bookkeeping consistent.
 */
export async function removeReports(
  manager: EntityManager,
  tables: ReportsTables,
  reportIds: readonly number[],
): Promise<void> {
  // One round trip for the four statements: retention runs this in every batch that stores runs.
  await manager.query(
    `${resultsOfReportsDeletion(tables, reportIds)};
     DELETE FROM ${tables.reports} WHERE id = ANY(${integerArray(reportIds)})`,
  );
}
