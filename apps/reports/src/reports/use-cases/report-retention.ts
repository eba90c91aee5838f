import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import { WakeLoop } from '@validity/platform/background';
import { queryStatements, type Statement } from '@validity/platform/database';
import {
  type CommitWith,
  decideCommands,
  EventStoreWrites,
  STORED_EVENT_COLUMNS,
  storedEventsByStream,
  type StoredEventRow,
} from '@validity/platform/event-store';
import { REPORTS_CONFIG, type ReportsConfig } from '../../config';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { COMPLIANCE_REPORT_STREAM_PREFIX, complianceReportStream } from '../../event-sourcing/streams';
import { complianceReportDecider } from '../domain/compliance-report.decider';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { beyondRetentionQuery } from '../store/prune-old-reports';
import { reportChangesLock } from '../store/report-changes.lock';
import { reportsRetirement } from '../store/remove-reports';
import { handOverSizesQuery, type HandOverSizes } from '../../test-results';

/** A run whose batch has committed: its report, and the request that posted it. */
export interface StoredRun {
  reportId: number;
  context: ChangeContext;
}

/**
 * A retention pass starts at least this long after the last one ended: under steady runs a pass catches
 * up with every run stored since the last one, so at 200 runs a second one pass (one transaction, one hold
 * of `lockReportChanges`) retires about 20 reports instead of one per batch. An idle service's run is
 * caught up at once.
 */
export const RETENTION_PACE_MS = 100;

/** The newest stored runs a pass waiting for the database remembers (only their contexts are used). */
const MAX_WAITING_RUNS = 10_000;

/**
 * Validity's retention (`STORE_REPORTS`), in passes of its own after the runs' batches commit
 * (`afterCommit`), as Validity itself deletes old reports after a run's report is stored. A pass takes
 * `lockReportChanges`, so it sees every committed report and no other pass or batch changes them meanwhile:
 * exactly `STORE_REPORTS` remain after each pass and each old report is deleted and announced once, whatever
 * the number of concurrent runs and service instances. Between a run's answer and the next pass (at most
 * `RETENTION_PACE_MS` plus the pass under steady runs) the newest reports may number a few more.
 *
 * In the batch's own transaction, retention cost a batch of one or two runs three planned reads and up to
 * eight writes under the lock every batch queued on: 0.8 ms of CPU per run and half the time from a run's
 * POST to its webhook in the `latency` bench (docs/performance.md, round fourteen).
 *
 * A pruned report's results leave the API at the pass's commit, but are deleted after it, in short
 * transactions of their own (`reportsRetirement`, `ReportPurger`): nothing waits for a report of 100,000
 * results.
 *
 * Which reports go is a question about all of them, answered by the read model; each one's delete is
 * decided on its own stream (`complianceReportDecider`), all of them read in one query and appended in
 * one statement. As in Validity, the deletions are events of the runs' requests: the i-th oldest deleted
 * report is announced with the i-th run's username and request id (oldest run first), any more with the
 * newest run's. Runs whose pass has not committed when the service stops are caught up by the next run's
 * pass (as in Validity, whose next run prunes what a failed one left).
 */
@Injectable()
export class ReportRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReportRetention');
  /** Runs stored since the last pass that committed, oldest first. */
  private waiting: StoredRun[] = [];
  private lastPassEnded = -Infinity;
  private readonly loop = new WakeLoop({
    pass: () => this.pass(),
    onError: (error) => this.logger.warn(`retention (STORE_REPORTS) failed: ${String(error)}`),
  });

  constructor(
    @Inject(EventStoreWrites) private readonly writes: EventStoreWrites,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
    @Inject(REPORTS_CONFIG) private readonly config: ReportsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** Runs whose batch has committed: the next pass keeps them and prunes what they pushed out. */
  afterCommit(runs: readonly StoredRun[]): void {
    if (runs.length === 0) return;
    this.waiting.push(...runs);
    if (this.waiting.length > MAX_WAITING_RUNS)
      this.waiting.splice(0, this.waiting.length - MAX_WAITING_RUNS);
    this.loop.wake();
  }

  /** Resolves once no pass runs and none is asked for: every committed run is caught up, or failed. */
  caughtUp(): Promise<void> {
    return this.loop.settled();
  }

  private async pass(): Promise<void> {
    if (this.waiting.length === 0) return;
    // The runs that arrive meanwhile join this pass. A loop: a timer counts from the event loop's clock,
    // which may be a little behind, and may fire that much early.
    for (let rest = this.restBeforePass(); rest > 0; rest = this.restBeforePass())
      await sleep(Math.ceil(rest));
    const runs = this.waiting;
    this.waiting = [];
    try {
      await this.writes.run(async (manager, commitWith) => {
        const [, ...answers] = await queryStatements(manager, [
          { sql: reportChangesLock(this.tables) },
          ...this.reads(runs),
        ]);
        await this.enforce(manager, commitWith, runs, answers);
      });
    } catch (error) {
      this.waiting = [...runs, ...this.waiting].slice(-MAX_WAITING_RUNS);
      throw error;
    } finally {
      this.lastPassEnded = performance.now();
    }
  }

  private restBeforePass(): number {
    return this.lastPassEnded + RETENTION_PACE_MS - performance.now();
  }

  /**
   * What a pass reads under `lockReportChanges`, in one round trip: the reports beyond `STORE_REPORTS`
   * (keeping `stored` first), their streams' events, and how their latest marks are best handed over.
   * `enforce` takes their answers.
   */
  private reads(stored: readonly StoredRun[]): Statement[] {
    const beyond = beyondRetentionQuery(
      this.tables,
      this.config.retention.storeReports,
      stored.map((run) => run.reportId),
    );
    const { schema } = this.tables;
    return [
      beyond,
      {
        // The streams by an array of ids, as `readStreams` reads them: an index scan per stream. A join with
        // the doomed reports let the planner hash the whole store instead.
        sql: `SELECT ${STORED_EVENT_COLUMNS} FROM "${schema}"."event_store"
          WHERE stream_id = ANY(ARRAY(SELECT $3 || doomed.id FROM (${beyond.sql}) doomed))
          ORDER BY stream_id, version`,
        parameters: [...(beyond.parameters ?? []), COMPLIANCE_REPORT_STREAM_PREFIX],
      },
      {
        sql: handOverSizesQuery(this.tables, `ARRAY(${beyond.sql})`),
        parameters: beyond.parameters,
      },
    ];
  }

  /**
   * Retires the reports `reads` found beyond `STORE_REPORTS` and appends their deletions, in one round trip
   * with the pass's COMMIT.
   */
  private async enforce(
    manager: EntityManager,
    commitWith: CommitWith,
    stored: readonly StoredRun[],
    answers: ReadonlyArray<ReadonlyArray<Record<string, unknown>>>,
  ): Promise<void> {
    const [doomedRows, events, [sizes]] = answers;
    const doomed = doomedRows.map((row) => Number(row.id)).sort((a, b) => a - b);
    if (doomed.length === 0) return;
    const runs = [...stored].sort((a, b) => a.reportId - b.reportId);
    const decided = await decideCommands(
      manager,
      this.tables.schema,
      complianceReportDecider,
      doomed.map((id, index) => ({
        streamId: complianceReportStream(id),
        command: { delete: runs[Math.min(index, runs.length - 1)].context },
      })),
      { streams: storedEventsByStream(events as unknown as StoredEventRow[]) },
    );
    const append = decided.appendStatement();
    try {
      await commitWith([
        ...reportsRetirement(this.tables, doomed, sizes as unknown as HandOverSizes).map((sql) => ({ sql })),
        ...(append === null ? [] : [append]),
      ]);
    } catch (error) {
      throw decided.appendFailure(error);
    }
  }
}
