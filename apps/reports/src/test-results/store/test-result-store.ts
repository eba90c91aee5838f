import type { EntityManager } from 'typeorm';
import type { JsonValue } from '@validity/contracts';
import { integerArray } from '../../storage/integer-array';
import type { ReportsTables } from '../../storage/reports-tables';

/** One result of a run, its references resolved to ids. */
export interface StoredTestResult {
  reportId: number;
  testId: number;
  deviceId: number;
  dynamicPairId: number | null;
  passed: boolean;
  explanation: JsonValue;
}

/**
 * Rows per INSERT: one array parameter per column (`unnest`), so a batch is one statement whatever its
 * size; 5,000 keeps each batch's parameters to about a megabyte for typical explanations.
 */
const BATCH_SIZE = 5_000;

/**
 * Bulk-inserts runs' results in batches as `results` yields them, so memory holds one batch of rows
 * beyond the caller's own input. Results get no events: Validity bulk-inserts them, which fires none.
 */
export async function insertTestResults(
  manager: EntityManager,
  tables: ReportsTables,
  results: Iterable<StoredTestResult>,
): Promise<void> {
  let batch: StoredTestResult[] = [];
  for (const result of results) {
    batch.push(result);
    if (batch.length === BATCH_SIZE) {
      await insertBatch(manager, tables, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await insertBatch(manager, tables, batch);
}

async function insertBatch(
  manager: EntityManager,
  tables: ReportsTables,
  batch: readonly StoredTestResult[],
): Promise<void> {
  await manager.query(
    `INSERT INTO ${tables.results} (report_id, test_id, device_id, dynamic_pair_id, passed, explanation)
     SELECT * FROM unnest($1::integer[], $2::integer[], $3::integer[], $4::integer[], $5::boolean[], $6::jsonb[])`,
    [
      batch.map((result) => result.reportId),
      batch.map((result) => result.testId),
      batch.map((result) => result.deviceId),
      batch.map((result) => result.dynamicPairId),
      batch.map((result) => result.passed),
      batch.map((result) => JSON.stringify(result.explanation)),
    ],
  );
}

/**
 * Makes the reports' results the latest of their test and device (Validity's `latest` filter), unless a
 * newer result already is: a higher id wins, so concurrent runs agree whatever order they commit in.
 */
export async function markLatestResults(
  manager: EntityManager,
  tables: ReportsTables,
  reportIds: readonly number[],
): Promise<void> {
  await manager.query(latestResultsMarking(tables, reportIds));
}

/** `markLatestResults` as one statement, for a caller that sends it with others in one round trip. */
export function latestResultsMarking(tables: ReportsTables, reportIds: readonly number[]): string {
  return `INSERT INTO ${tables.latestResults} AS latest (test_id, device_id, result_id)
     SELECT DISTINCT ON (test_id, device_id) test_id, device_id, id FROM ${tables.results}
     WHERE report_id = ANY(${integerArray(reportIds)}) ORDER BY test_id, device_id, id DESC
     ON CONFLICT (test_id, device_id) DO UPDATE SET result_id = EXCLUDED.result_id
     WHERE latest.result_id < EXCLUDED.result_id`;
}

/**
 * The tables derived from `test_results` alone (the latest marks and the counts), which a rebuild empties
 * and recomputes report by report with `markLatestResults` and `countResultsOfReports`.
 */
export function derivedResultTables(tables: ReportsTables): string[] {
  return [tables.latestResults, tables.resultCounts];
}

/**
 * Counts reports' results into `test_result_counts` as its triggers would have, for a rebuild that
 * emptied it (the triggers count only results inserted or deleted).
 */
export async function countResultsOfReports(
  manager: EntityManager,
  tables: ReportsTables,
  reportIds: readonly number[],
): Promise<void> {
  await manager.query(
    `INSERT INTO ${tables.resultCounts} (report_id, test_id, passed, results)
     SELECT report_id, test_id, passed, count(*) FROM ${tables.results}
     WHERE report_id = ANY($1::integer[]) GROUP BY report_id, test_id, passed`,
    [reportIds],
  );
}

/**
 * The statements that delete the results of reports about to be deleted. Where one of them was the latest
 * result of its test and device, the newest remaining result of that pair becomes the latest, or the pair
 * has none. Several statements for one round trip (see `integerArray`): run in order, each sees what the
 * one before it changed, as separate statements do.
 */
export function resultsOfReportsDeletion(tables: ReportsTables, reportIds: readonly number[]): string {
  const ids = integerArray(reportIds);
  return `UPDATE ${tables.latestResults} latest SET result_id = newest.id
     FROM ${tables.results} gone
     CROSS JOIN LATERAL (
       SELECT other.id FROM ${tables.results} other
       WHERE other.test_id = gone.test_id AND other.device_id = gone.device_id
         AND other.report_id <> ALL(${ids})
       ORDER BY other.id DESC LIMIT 1
     ) newest
     WHERE gone.id = latest.result_id AND gone.report_id = ANY(${ids});
     DELETE FROM ${tables.latestResults} WHERE result_id IN (
       SELECT id FROM ${tables.results} WHERE report_id = ANY(${ids}));
     DELETE FROM ${tables.results} WHERE report_id = ANY(${ids})`;
}

/** Deletes every result of a deleted test (Validity's cascade); no other pair's latest result changes. */
export async function deleteResultsOfTest(
  manager: EntityManager,
  tables: ReportsTables,
  testId: number,
): Promise<void> {
  await manager.query(`DELETE FROM ${tables.latestResults} WHERE test_id = $1`, [testId]);
  await manager.query(`DELETE FROM ${tables.results} WHERE test_id = $1`, [testId]);
}
