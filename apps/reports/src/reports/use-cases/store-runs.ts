import type { EntityManager } from 'typeorm';
import { preciseNow, type ComplianceReportFields } from '@validity/contracts';
import { queryStatements, type Statement } from '@validity/platform/database';
import { decideCommands } from '@validity/platform/event-store';
import type { NetBoxValidationError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { complianceReportStream } from '../../event-sourcing/streams';
import type { ReportsTables } from '../../storage/reports-tables';
import {
  insertTestResults,
  latestResultsMarking,
  RESULTS_PER_INSERT,
  testResultsInsert,
  type StoredTestResult,
} from '../../test-results';
import { complianceReportDecider } from '../domain/compliance-report.decider';
import { RunCounts } from '../domain/run-counts';
import type { RunInput, RunResult } from '../input/run-input';
import type { RunInputErrors } from '../input/run-input-errors';
import { complianceReportsInsert } from '../store/compliance-report-table';
import { deviceIdsForNames, devicesByNameQuery } from '../store/device-directory';
import { idsOfRows, nextIdsQuery } from '../../storage/next-ids';
import { reportChangesLock } from '../store/report-changes.lock';
import { checkReferences, deviceNamesOf, ReferenceIds } from '../store/run-references';

/** A run whose body was read, waiting to be stored. */
export interface PendingRun {
  input: RunInput;
  /** What reading the body found wrong; the reference checks add theirs, for one 400 with all of them. */
  errors: RunInputErrors;
  context: ChangeContext;
}

/** What became of one run of a batch: its report, or the 400 naming its bad references. */
export type RunOutcome = { stored: ComplianceReportFields } | { refused: NetBoxValidationError };

/** A batch of runs checked and partly written: each run's outcome, and the writes left to send. */
export interface StoredRuns {
  outcomes: RunOutcome[];
  /**
   * The rest of the batch's writes, in order: results, reports, `lockReportChanges` and the latest
   * marks, events. The caller sends them in one round trip (`queryStatements`) and passes that round
   * trip's failure through `writeFailure`.
   */
  writes: Statement[];
  writeFailure(error: unknown): unknown;
}

/**
 * Stores runs inside the caller's transaction, each as its own report with its results and its one
 * `ComplianceReportCreated`, with one statement per step for all of them instead of one per run, and
 * few round trips: on a busy machine each one waits for the database's process and then this one to get
 * a core, and a batch holds `lockReportChanges` (and its runs their answers) for all of them. A run with
 * a bad field, or naming a test or device that does not exist, is refused with its own 400 (all its
 * errors) and stores nothing; the others are stored.
 *
 * 1. The references (tests, devices: other aggregates) are checked (one round trip).
 * 2. The new devices are created and each report gets its id from the sequence (one round trip).
 * 3. Its results are counted, and the reports decided (`complianceReportDecider`) on new streams, without
 *    reading the store (their `timestamp` is taken once their ids are known, as NetBox stamps the body
 *    when it flushes its queue).
 * 4. The writes are left to the caller (`StoredRuns.writes`): the results (their own record, not
 *    events), the reports' rows, their results marked latest under `lockReportChanges` (held from there
 *    to the commit; retention relies on it), their events last. A run of more than `RESULTS_PER_INSERT`
 *    results has its results inserted here already, a statement per batch of them, as it reads them.
 */
export async function storeRuns(
  manager: EntityManager,
  tables: ReportsTables,
  runs: readonly PendingRun[],
): Promise<StoredRuns> {
  const checked = runs.map((run) => ({ ...run, results: run.input.results }));
  const tests = await checkReferences(manager, tables, checked);
  const valid = checked.filter((run) => run.errors.isEmpty);
  const prepared =
    valid.length === 0
      ? {
          stored: new Map<PendingRun, ComplianceReportFields>(),
          writes: [],
          writeFailure: (error: unknown) => error,
        }
      : await prepareValidRuns(manager, tables, valid, tests);
  return {
    outcomes: checked.map((run) =>
      run.errors.isEmpty
        ? { stored: prepared.stored.get(run)! }
        : { refused: run.errors.toError(run.input.results.length) },
    ),
    writes: prepared.writes,
    writeFailure: prepared.writeFailure,
  };
}

async function prepareValidRuns(
  manager: EntityManager,
  tables: ReportsTables,
  runs: readonly PendingRun[],
  tests: ReferenceIds,
): Promise<{ stored: Map<PendingRun, ComplianceReportFields> } & Omit<StoredRuns, 'outcomes'>> {
  // No errors were recorded, so every field of every result was read.
  const resultsOf = (run: PendingRun) => run.input.results as RunResult[];
  const deviceNames = deviceNamesOf(runs.flatMap(resultsOf));
  const answers = await queryStatements(manager, [
    nextIdsQuery(tables.reports, runs.length),
    ...(deviceNames.length > 0 ? [devicesByNameQuery(tables, deviceNames)] : []),
  ]);
  const ids = idsOfRows(answers[0]);
  const devices = new ReferenceIds(
    deviceNames.length > 0 ? await deviceIdsForNames(manager, tables, deviceNames, answers[1]) : new Map(),
  );
  const created = runs.map(() => preciseNow());
  const counts = runs.map(() => new RunCounts());
  const results = storedResults(runs, ids, tests, devices, counts);
  const resultCount = runs.reduce((sum, run) => sum + run.input.results.length, 0);
  const resultWrites: Statement[] = [];
  if (resultCount <= RESULTS_PER_INSERT) resultWrites.push(testResultsInsert(tables, [...results]));
  else await insertTestResults(manager, tables, results);
  const reports = runs.map((run, index): ComplianceReportFields => ({
    id: ids[index],
    created: created[index],
    lastUpdated: created[index],
    customFields: run.input.customFields,
    counts: counts[index].total,
  }));
  const decided = await decideCommands(
    manager,
    tables.schema,
    complianceReportDecider,
    reports.map((report, index) => ({
      streamId: complianceReportStream(report.id),
      command: { create: report, context: runs[index].context },
    })),
    { newStreams: true },
  );
  const append = decided.appendStatement();
  return {
    stored: new Map(runs.map((run, index) => [run, reports[index]])),
    writes: [
      ...resultWrites,
      complianceReportsInsert(tables, reports),
      // Before the latest marks, as every writer of them takes it first (a delete, retention): concurrent
      // batches insert in parallel and queue only from here to their commit.
      { sql: reportChangesLock(tables) },
      { sql: latestResultsMarking(tables, ids) },
      ...(append === null ? [] : [append]),
    ],
    writeFailure: (error) => decided.appendFailure(error),
  };
}

/**
 * Every run's results as rows, made as the insert takes them (a run may have 100,000), each counted into
 * its run's `counts` on the way.
 */
function* storedResults(
  runs: readonly PendingRun[],
  reportIds: readonly number[],
  tests: ReferenceIds,
  devices: ReferenceIds,
  counts: readonly RunCounts[],
): Generator<StoredTestResult> {
  for (const [index, run] of runs.entries()) {
    for (const result of run.input.results as RunResult[]) {
      const row: StoredTestResult = {
        reportId: reportIds[index],
        testId: tests.idOf(result.test),
        deviceId: devices.idOf(result.device),
        dynamicPairId: result.dynamicPair === null ? null : devices.idOf(result.dynamicPair),
        passed: result.passed,
        explanation: result.explanation,
      };
      counts[index].add(row, tests.severities.get(row.testId)!);
      yield row;
    }
  }
}
