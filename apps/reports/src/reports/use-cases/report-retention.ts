import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryStatements, type Statement } from '@validity/platform/database';
import {
  decideCommands,
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
import { reportsRetirement } from '../store/remove-reports';
import { handOverSizesQuery, type HandOverSizes } from '../../test-results';

/** A run just stored in the caller's transaction: its report, and the request that posted it. */
export interface StoredRun {
  reportId: number;
  context: ChangeContext;
}

/**
 * Validity's retention, in the transaction that stores a batch of runs (`RunGroupCommit`), after its
 * reports are written, under `lockReportChanges`, which `storeRuns` took before marking the results latest
 * and holds to the commit: it sees every committed report, so exactly `STORE_REPORTS` remain and each old
 * report is deleted and announced once, whatever the number of concurrent runs and service instances. In
 * the batch's transaction rather than a pass of its own after it: one commit (one WAL flush) per batch
 * instead of two, and no run waits for a second transaction before its answer. Its reads (`reads`) go in
 * the batch's writing round trip, its writes (`enforce`) in one more, and only when a report goes.
 *
 * A pruned report's results leave the API at the batch's commit, but are deleted after it, in short
 * transactions of their own (`reportsRetirement`, `ReportPurger`): the batch, and every batch queued on
 * the lock behind it, pays nothing for a report of 100,000 results.
 *
 * Which reports go is a question about all of them, answered by the read model; each one's delete is
 * decided on its own stream (`complianceReportDecider`), all of them read in one query and appended in
 * one statement. As in Validity, the deletions are events of the runs' requests: the i-th oldest deleted
 * report is announced with the i-th run's username and request id (oldest run first), any more with the
 * newest run's.
 */
@Injectable()
export class ReportRetention {
  constructor(
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
    @Inject(REPORTS_CONFIG) private readonly config: ReportsConfig,
  ) {}

  /**
   * What retention reads, as statements to send right after the batch's writes, in the same round trip,
   * so they see its reports under `lockReportChanges`: the reports beyond `STORE_REPORTS` (keeping
   * `stored` first), their streams' events, and how their latest marks are best handed over.
   * `enforce` takes their answers.
   */
  reads(stored: readonly StoredRun[]): Statement[] {
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
   * Retires the reports `reads` found beyond `STORE_REPORTS` and appends their deletions, in one round
   * trip inside the caller's transaction, which holds `lockReportChanges` whenever `stored` is not empty.
   */
  async enforce(
    manager: EntityManager,
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
      await queryStatements(manager, [
        ...reportsRetirement(this.tables, doomed, sizes as unknown as HandOverSizes).map((sql) => ({ sql })),
        ...(append === null ? [] : [append]),
      ]);
    } catch (error) {
      throw decided.appendFailure(error);
    }
  }
}
