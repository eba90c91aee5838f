import type { EntityManager } from 'typeorm';
import type { Statement } from '@validity/platform/database';
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
export const RESULTS_PER_INSERT = 5_000;

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
    if (batch.length === RESULTS_PER_INSERT) {
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
  const { sql, parameters } = testResultsInsert(tables, batch);
  await manager.query(sql, [...(parameters ?? [])]);
}

/**
 * Up to `RESULTS_PER_INSERT` results as one statement, for a caller that sends it with others in one
 * round trip (`insertTestResults` sends one per batch).
 */
export function testResultsInsert(tables: ReportsTables, batch: readonly StoredTestResult[]): Statement {
  return {
    sql: `INSERT INTO ${tables.results} (report_id, test_id, device_id, dynamic_pair_id, passed, explanation)
     SELECT * FROM unnest($1::integer[], $2::integer[], $3::integer[], $4::integer[], $5::boolean[], $6::jsonb[])`,
    parameters: [
      batch.map((result) => result.reportId),
      batch.map((result) => result.testId),
      batch.map((result) => result.deviceId),
      batch.map((result) => result.dynamicPairId),
      batch.map((result) => result.passed),
      batch.map((result) => JSON.stringify(result.explanation)),
    ],
  };
}

/**
 * Makes the reports' results the latest of their test and device (Validity's `latest` filter), unless a
 * newer result already is: a higher id wins, so concurrent runs agree whatever order they commit in.
 * A mark on a result the list no longer shows (its report is being purged, see `resultsOfReportsRetirement`)
 * is replaced whatever its id: such a mark was left because its pair had no other result then, and this
 * run's results, inserted before that deletion committed, may have lower ids.
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
     WHERE latest.result_id < EXCLUDED.result_id
       OR NOT EXISTS (SELECT 1 FROM ${tables.results} marked WHERE marked.id = latest.result_id
                        AND ${visibleReport(tables, 'marked.report_id')})`;
}

/**
 * The condition that a result of report `reportIdColumn` is shown, i.e. its report is not being purged.
 * The purging reports are read once per statement (an InitPlan), then compared per row as an array: no
 * join, and no plan changes for the results list (the table is empty but for a purge in progress).
 */
export function visibleReport(tables: ReportsTables, reportIdColumn: string): string {
  return `${reportIdColumn} <> ALL(ARRAY(SELECT purging.report_id FROM ${tables.purgingReports} purging))`;
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
 * The statements that delete the results of reports about to be deleted, all at once (a rebuild's
 * replay of a deletion; live deletions retire them instead, `resultsOfReportsRetirement`). Where one of
 * them was the latest result of its test and device, the newest remaining result of that pair becomes the
 * latest, or the pair has none. Several statements for one round trip (see `integerArray`): run in order,
 * each sees what the one before it changed, as separate statements do.
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

/**
 * What deleting reports does to their results inside the deleting transaction, which holds
 * `lockReportChanges`: the results leave the API at its commit, but stay in `test_results` for
 * `purgeResultsOfReport` to delete after it, a chunk per short transaction outside the lock. So the
 * deletion costs about the same for a report of one result or of 100,000, and the writers queued on the
 * lock wait for neither.
 *
 * - The reports are listed in `purging_reports`: the results list and detail leave out their results
 *   (`visibleReport`).
 * - Their rows in `test_result_counts` go, so every `count` drops them too (the purge's deletes then find
 *   no counts to change).
 * - Validity's `latest`: where one of their results is the latest of its test and device, the newest
 *   result of that pair that stays becomes the latest. A pair with no such result keeps its mark, on a
 *   result the list no longer shows, until the purge deletes both (`latestResultsMarking` replaces such a
 *   mark whatever its id). Which pairs have a result that stays is found the cheaper of two ways (see
 *   `latestMarksHandOver`).
 *
 * Statements for one round trip, after `latestMarksHandOver`'s one query; the caller deletes the reports'
 * rows.
 */
export async function resultsOfReportsRetirement(
  manager: EntityManager,
  tables: ReportsTables,
  reportIds: readonly number[],
): Promise<string> {
  const [sizes] = (await manager.query(
    handOverSizesQuery(tables, integerArray(reportIds)),
  )) as HandOverSizes[];
  return retirementOfResults(tables, reportIds, sizes).join(';\n');
}

/**
 * `resultsOfReportsRetirement`'s statements, given what `handOverSizesQuery` answered about the same
 * reports (read by the caller with other statements in one round trip).
 */
export function retirementOfResults(
  tables: ReportsTables,
  reportIds: readonly number[],
  sizes: HandOverSizes,
): string[] {
  const ids = integerArray(reportIds);
  const handOver = latestMarksHandOver(tables, reportIds, sizes);
  return [
    ...(handOver === null ? [] : [handOver]),
    `DELETE FROM ${tables.resultCounts} WHERE report_id = ANY(${ids})`,
    `INSERT INTO ${tables.purgingReports} (report_id) SELECT unnest(${ids})`,
  ];
}

/** What `handOverSizesQuery` answers: how the latest marks of retired reports' results are best handed over. */
export interface HandOverSizes {
  newest_gone: string | null;
  overlapping: number[];
  overlapping_results: string;
  gone_results: string;
}

/**
 * The query sizing the hand-over of the latest marks of reports about to be retired, `reportIds` an SQL
 * `integer[]` expression (a literal, or a subquery over the reports retention is about to retire).
 */
export function handOverSizesQuery(tables: ReportsTables, reportIds: string): string {
  return `WITH retired AS (SELECT ${reportIds} AS ids),
     newest_gone AS (
       SELECT max(newest.id) AS id FROM retired CROSS JOIN unnest(retired.ids) gone(report_id)
       CROSS JOIN LATERAL (SELECT max(r.id) AS id FROM ${tables.results} r WHERE r.report_id = gone.report_id) newest),
     overlapping AS (
       SELECT c.id FROM ${tables.reports} c CROSS JOIN retired
       WHERE c.id <> ALL(retired.ids)
         AND (SELECT min(r.id) FROM ${tables.results} r WHERE r.report_id = c.id) < (SELECT id FROM newest_gone))
     SELECT (SELECT id FROM newest_gone) AS newest_gone,
       ARRAY(SELECT id FROM overlapping) AS overlapping,
       (SELECT coalesce(sum(n.results), 0) FROM ${tables.resultCounts} n
        WHERE n.report_id IN (SELECT id FROM overlapping)) AS overlapping_results,
       (SELECT coalesce(sum(n.results), 0) FROM ${tables.resultCounts} n CROSS JOIN retired
        WHERE n.report_id = ANY(retired.ids)) AS gone_results`;
}

/**
 * The statement that moves the latest marks off the results of `reportIds` (about to be retired, the
 * caller holds `lockReportChanges`) to the newest result of each pair that stays, or null when they have
 * no results. A result that stays and can take over a mark has a lower id than the marked result, so its
 * report is one whose first result is older than the retired reports' newest. Two ways to find them,
 * each sized from the maintained counts first (`handOverSizesQuery`):
 *
 * - from the overlapping reports' results (`DISTINCT ON` over them): retention deletes the oldest
 *   reports, which no kept report overlaps but for runs stored concurrently with them, so this is
 *   usually nothing at all, even when the retired report has 100,000 marks (the bench's `ingest`);
 * - from the retired results themselves, one index probe per marked result for the pair's newest that
 *   stays: a client's delete of a recent report, which every older report overlaps.
 */
function latestMarksHandOver(
  tables: ReportsTables,
  reportIds: readonly number[],
  sizes: HandOverSizes,
): string | null {
  const ids = integerArray(reportIds);
  if (sizes.newest_gone === null || sizes.overlapping.length === 0) return null;
  const newestGone = BigInt(sizes.newest_gone).toString();
  if (Number(sizes.overlapping_results) <= Number(sizes.gone_results)) {
    return `UPDATE ${tables.latestResults} latest SET result_id = staying.id
       FROM (SELECT DISTINCT ON (r.test_id, r.device_id) r.test_id, r.device_id, r.id FROM ${tables.results} r
             WHERE r.report_id = ANY(${integerArray(sizes.overlapping)}) AND r.id < ${newestGone}
             ORDER BY r.test_id, r.device_id, r.id DESC) staying
       WHERE latest.test_id = staying.test_id AND latest.device_id = staying.device_id
         AND latest.result_id > staying.id
         AND EXISTS (SELECT 1 FROM ${tables.results} gone
                     WHERE gone.id = latest.result_id AND gone.report_id = ANY(${ids}))`;
  }
  return `UPDATE ${tables.latestResults} latest SET result_id = staying.id
     FROM ${tables.results} gone
     CROSS JOIN LATERAL (
       SELECT other.id FROM ${tables.results} other
       WHERE other.test_id = gone.test_id AND other.device_id = gone.device_id AND other.id < gone.id
         AND other.report_id = ANY(${integerArray(sizes.overlapping)})
       ORDER BY other.id DESC LIMIT 1
     ) staying
     WHERE gone.id = latest.result_id AND gone.report_id = ANY(${ids})`;
}

/** Results deleted per transaction of a purge: about 10 ms, a megabyte or two of WAL. */
export const PURGE_CHUNK = 2_000;

/** Where a purge is up to: the last result it deleted, and that result's report. */
export interface PurgeCursor {
  readonly reportId: number;
  readonly afterId: string;
}

/** The cursor of a purge that has deleted nothing yet: every purging report from its first result. */
export const PURGE_START: PurgeCursor = { reportId: 0, afterId: '0' };

/**
 * Deletes the next `PURGE_CHUNK` results of retired reports, the lowest report ids first, with the latest
 * marks still on them, in the caller's transaction; the reports whose results are then all gone leave
 * `purging_reports`. Returns how many went, where the chunk ended and how many reports it unlisted.
 *
 * A chunk spans reports: retention at a few hundred one-result runs a second retires as many reports, and a
 * chunk per report (with the purger's pause after each) purged about 20 a second, so `purging_reports` grew
 * to thousands and every list read compared each result's report with all of them (`visibleReport`). The
 * lowest report goes first on its own, in id order above `cursor.afterId` when the cursor is on it (so the
 * chunks of a big report never walk the dead index entries of the chunks before it); what is left of the
 * chunk goes to the next reports at once. Each statement names its reports as constants: with the reports
 * as a join's parameter, the planner took the statistics' few big reports as typical and walked the primary
 * key for every one-result report (a 10 s chunk in the first A/B run).
 *
 * Without `lockReportChanges`, so the writers queued on it never wait behind a chunk: nobody but the
 * purge writes a retired report's results, and their marks are marks nobody else moves to them. A chunk
 * takes only rows it can lock at once (`SKIP LOCKED`): a test's delete removing some of the same results,
 * or a run replacing one of the marks, is never waited for, so the purge is in no deadlock with them;
 * whatever it skipped is gone with them, or taken by a later pass (a mark skipped while a run that then
 * rolled back held it stays on a deleted result: nothing shows it, and the pair's next run replaces it).
 */
export async function purgeRetiredResults(
  manager: EntityManager,
  tables: ReportsTables,
  cursor: PurgeCursor,
): Promise<{ deleted: number; cursor: PurgeCursor; unlisted: number }> {
  const rows: Array<{ report_id: number }> = await manager.query(
    `SELECT report_id FROM ${tables.purgingReports} ORDER BY report_id LIMIT $1`,
    [PURGE_CHUNK],
  );
  const [first, ...next] = rows.map((row) => row.report_id);
  if (first === undefined) return { deleted: 0, cursor, unlisted: 0 };
  const afterId = cursor.reportId === first ? cursor.afterId : '0';
  const head = await deleteResultsChunk(
    manager,
    tables,
    `SELECT id FROM ${tables.results} WHERE report_id = ${Number(first)} AND id > $1::bigint
     ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [afterId, PURGE_CHUNK],
  );
  const nextCursor = { reportId: first, afterId: head.lastId ?? afterId };
  // A full chunk may have stopped inside the first report; the others are untouched.
  if (head.deleted === PURGE_CHUNK) return { deleted: head.deleted, cursor: nextCursor, unlisted: 0 };
  const rest =
    next.length === 0
      ? { deleted: 0 }
      : await deleteResultsChunk(
          manager,
          tables,
          `SELECT id FROM ${tables.results} WHERE report_id = ANY(${integerArray(next)})
           ORDER BY report_id, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [PURGE_CHUNK - head.deleted],
        );
  // Rows skipped as locked, or left past a full chunk, keep their report listed.
  const [{ unlisted }]: Array<{ unlisted: number }> = await manager.query(
    `WITH unlisted AS (
       DELETE FROM ${tables.purgingReports} purging WHERE purging.report_id = ANY(${integerArray([first, ...next])})
         AND NOT EXISTS (SELECT 1 FROM ${tables.results} r WHERE r.report_id = purging.report_id)
       RETURNING report_id)
     SELECT count(*)::int AS unlisted FROM unlisted`,
  );
  return { deleted: head.deleted + rest.deleted, cursor: nextCursor, unlisted };
}

/** Deletes the results `chunk` selects (and locks), with the latest marks on them. */
async function deleteResultsChunk(
  manager: EntityManager,
  tables: ReportsTables,
  chunk: string,
  parameters: unknown[],
): Promise<{ deleted: number; lastId: string | null }> {
  const [row]: Array<{ deleted: string; last_id: string | null }> = await manager.query(
    `WITH chunk AS (${chunk}),
     marked AS (
       SELECT result_id FROM ${tables.latestResults} WHERE result_id = ANY(ARRAY(SELECT id FROM chunk))
       FOR UPDATE SKIP LOCKED),
     unmarked AS (
       DELETE FROM ${tables.latestResults} WHERE result_id = ANY(ARRAY(SELECT result_id FROM marked))),
     gone AS (
       DELETE FROM ${tables.results} WHERE id = ANY(ARRAY(SELECT id FROM chunk)) RETURNING id)
     SELECT count(*) AS deleted, max(id)::text AS last_id FROM gone`,
    parameters,
  );
  return { deleted: Number(row.deleted), lastId: row.last_id };
}

/** Whether any deleted report's results are still to be purged (the purge's cheap look when idle). */
export async function anyPurgingReport(manager: EntityManager, tables: ReportsTables): Promise<boolean> {
  const [row]: Array<{ any: boolean }> = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM ${tables.purgingReports}) AS any`,
  );
  return row.any;
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
