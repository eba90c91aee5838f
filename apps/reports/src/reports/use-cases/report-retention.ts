import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decideCommands } from '@validity/platform/event-store';
import { REPORTS_CONFIG, type ReportsConfig } from '../../config';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { complianceReportStream } from '../../event-sourcing/streams';
import { complianceReportDecider } from '../domain/compliance-report.decider';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { reportsBeyondRetention } from '../store/prune-old-reports';
import { retireReports } from '../store/remove-reports';

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
 * instead of two, and no run waits for a second transaction before its answer.
 *
 * A pruned report's results leave the API at the batch's commit, but are deleted after it, in short
 * transactions of their own (`retireReports`, `ReportPurger`): the batch, and every batch queued on the
 * lock behind it, pays nothing for a report of 100,000 results.
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
   * Prunes beyond `STORE_REPORTS`, keeping `stored` first, inside the caller's transaction, which holds
   * `lockReportChanges` whenever `stored` is not empty.
   */
  async enforce(manager: EntityManager, stored: readonly StoredRun[]): Promise<void> {
    if (stored.length === 0) return;
    const runs = [...stored].sort((a, b) => a.reportId - b.reportId);
    const doomed = await reportsBeyondRetention(
      manager,
      this.tables,
      this.config.retention.storeReports,
      runs.map((run) => run.reportId),
    );
    if (doomed.length === 0) return;
    const decided = await decideCommands(
      manager,
      this.tables.schema,
      complianceReportDecider,
      doomed.map((id, index) => ({
        streamId: complianceReportStream(id),
        command: { delete: runs[Math.min(index, runs.length - 1)].context },
      })),
    );
    await retireReports(manager, this.tables, doomed);
    await decided.append();
  }
}
