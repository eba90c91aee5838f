import type { EntityManager } from 'typeorm';
import { preciseNow, type ComplianceReportFields } from '@validity/contracts';
import { decideCommands } from '@validity/platform/event-store';
import type { NetBoxValidationError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { complianceReportStream } from '../../event-sourcing/streams';
import type { ReportsTables } from '../../storage/reports-tables';
import { insertTestResults, latestResultsMarking, type StoredTestResult } from '../../test-results';
import { complianceReportDecider } from '../domain/compliance-report.decider';
import { RunCounts } from '../domain/run-counts';
import type { RunInput, RunResult } from '../input/run-input';
import type { RunInputErrors } from '../input/run-input-errors';
import { insertComplianceReports } from '../store/compliance-report-table';
import { nextIds } from '../../storage/next-ids';
import { reportChangesLock } from '../store/report-changes.lock';
import { checkDeviceIds, resolveDeviceNames, resolveTests, type ReferenceIds } from '../store/run-references';

/** A run whose body was read, waiting to be stored. */
export interface PendingRun {
  input: RunInput;
  /** What reading the body found wrong; the reference checks add theirs, for one 400 with all of them. */
  errors: RunInputErrors;
  context: ChangeContext;
}

/** What became of one run of a batch: its report, or the 400 naming its bad references. */
export type RunOutcome = { stored: ComplianceReportFields } | { refused: NetBoxValidationError };

/**
 * Stores runs inside the caller's transaction, each as its own report with its results and its one
 * `ComplianceReportCreated`, with one statement per step for all of them instead of one per run. A run
 * with a bad field, or naming a test or device that does not exist, is refused with its own 400 (all its
 * errors) and stores nothing; the others are stored.
 *
 * The references (tests, devices: other aggregates) are checked first. Then each report gets its id from
 * the sequence, its results are written (their own record, not events) and counted as they are, and the
 * reports are decided (`complianceReportDecider`) on new streams, without reading the store (their
 * `timestamp` is taken once the results exist, as NetBox stamps the body when it flushes its queue). The
 * read model follows the decided reports: their rows, and their results marked latest under
 * `lockReportChanges`, which is held from there to the commit (retention relies on it); last, their events
 * are appended in one statement.
 */
export async function storeRuns(
  manager: EntityManager,
  tables: ReportsTables,
  runs: readonly PendingRun[],
): Promise<RunOutcome[]> {
  const checked = runs.map((run) => ({ ...run, results: run.input.results }));
  const tests = await resolveTests(manager, tables, checked);
  await checkDeviceIds(manager, tables, checked);
  const valid = checked.filter((run) => run.errors.isEmpty);
  const stored = valid.length === 0 ? new Map() : await storeValidRuns(manager, tables, valid, tests);
  return checked.map((run) =>
    run.errors.isEmpty
      ? { stored: stored.get(run)! }
      : { refused: run.errors.toError(run.input.results.length) },
  );
}

async function storeValidRuns(
  manager: EntityManager,
  tables: ReportsTables,
  runs: readonly PendingRun[],
  tests: ReferenceIds,
): Promise<Map<PendingRun, ComplianceReportFields>> {
  // No errors were recorded, so every field of every result was read.
  const resultsOf = (run: PendingRun) => run.input.results as RunResult[];
  const devices = await resolveDeviceNames(manager, tables, runs.flatMap(resultsOf));
  const created = runs.map(() => preciseNow());
  const ids = await nextIds(manager, tables.reports, runs.length);
  const counts = runs.map(() => new RunCounts());
  await insertTestResults(manager, tables, storedResults(runs, ids, tests, devices, counts));
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
  await insertComplianceReports(manager, tables, reports);
  // Before the latest marks, as every writer of them takes it first (a delete, retention): concurrent
  // batches insert in parallel and queue only from here to their commit.
  // The lock and the marks in one round trip.
  await manager.query(`${reportChangesLock(tables)};\n${latestResultsMarking(tables, ids)}`);
  await decided.append();
  return new Map(runs.map((run, index) => [run, reports[index]]));
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
