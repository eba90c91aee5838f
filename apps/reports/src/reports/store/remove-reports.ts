import type { EntityManager } from 'typeorm';
import type { ReportsTables } from '../../storage/reports-tables';
import { integerArray } from '../../storage/integer-array';
import {
  resultsOfReportsDeletion,
  resultsOfReportsRetirement,
  retirementOfResults,
  type HandOverSizes,
} from '../../test-results';

/**
 * Deletes reports as retention and a client's delete do: the rows go, and their results leave the API
 * with them but are deleted after the commit by `ReportPurger` (`resultsOfReportsRetirement`), so the
 * transaction costs the same however many results the reports have. Callers hold `lockReportChanges`,
 * which also keeps the latest-result bookkeeping consistent.
 */
export async function retireReports(
  manager: EntityManager,
  tables: ReportsTables,
  reportIds: readonly number[],
): Promise<void> {
  const results = await resultsOfReportsRetirement(manager, tables, reportIds);
  // One round trip for the statements.
  await manager.query(`${results};
     ${reportsDeletion(tables, reportIds)}`);
}

/**
 * `retireReports`' statements, given what `handOverSizesQuery` answered about the same reports (a retention
 * pass reads it with its other reads in one round trip).
 */
export function reportsRetirement(
  tables: ReportsTables,
  reportIds: readonly number[],
  sizes: HandOverSizes,
): string[] {
  return [...retirementOfResults(tables, reportIds, sizes), reportsDeletion(tables, reportIds)];
}

function reportsDeletion(tables: ReportsTables, reportIds: readonly number[]): string {
  return `DELETE FROM ${tables.reports} WHERE id = ANY(${integerArray(reportIds)})`;
}

/**
 * Deletes reports with their results at once, results first as Validity does: a rebuild's replay of a
 * deletion, which recomputes the latest marks and counts report by report. A report still being purged
 * when the rebuild runs loses its remaining results here, and `ReportPurger` then finds none to delete.
 */
export async function removeReports(
  manager: EntityManager,
  tables: ReportsTables,
  reportIds: readonly number[],
): Promise<void> {
  await manager.query(`${resultsOfReportsDeletion(tables, reportIds)};
     ${reportsDeletion(tables, reportIds)}`);
}
