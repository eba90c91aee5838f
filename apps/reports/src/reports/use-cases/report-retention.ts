import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ComplianceReportFields } from '@validity/contracts';
import { appendToStreams, streamVersions } from '@validity/platform/event-store';
import { REPORTS_CONFIG, type ReportsConfig } from '../../config';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { complianceReportStream } from '../../event-sourcing/streams';
import { complianceReportDeleted } from '../domain/compliance-report.events';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { pruneOldReports } from '../store/prune-old-reports';
import { lockReportChanges } from '../store/report-changes.lock';

/** A run just stored in the caller's transaction: its report, and the request that posted it. */
export interface StoredRun {
  reportId: number;
  context: ChangeContext;
}

/**
 * Validity's retention, in the transaction that stores a batch of runs (`RunGroupCommit`), after its
 * reports are written, under `lockReportChanges` (which `storeRuns` already took before marking the
 * results latest, so it is held from there to the commit): it sees every committed report, so exactly
 * `STORE_REPORTS` remain and each old report is deleted and announced once, whatever the number of
 * concurrent runs and service instances. In the batch's transaction rather than a pass of its own
 * after it: one commit (one WAL flush) per batch instead of two, and no run waits for a second
 * transaction before its answer.
 *
 * As in Validity, the deletions are events of the runs' requests: the i-th oldest deleted report is
 * announced with the i-th run's username and request id (oldest run first), any more with the newest
 * run's.
 */
@Injectable()
export class ReportRetention {
  constructor(
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
    @Inject(REPORTS_CONFIG) private readonly config: ReportsConfig,
  ) {}

  /** Prunes beyond `STORE_REPORTS`, keeping `stored` first, inside the caller's transaction. */
  async enforce(manager: EntityManager, stored: readonly StoredRun[]): Promise<void> {
    if (stored.length === 0) return;
    const runs = [...stored].sort((a, b) => a.reportId - b.reportId);
    await lockReportChanges(manager, this.tables);
    const pruned = await pruneOldReports(
      manager,
      this.tables,
      this.config.retention.storeReports,
      runs.map((run) => run.reportId),
    );
    await this.announce(
      manager,
      pruned.map((report, index) => ({ report, context: runs[Math.min(index, runs.length - 1)].context })),
    );
  }

  /** One delete event per pruned report, all appended in one statement at their streams' versions. */
  private async announce(
    manager: EntityManager,
    deletions: ReadonlyArray<{ report: ComplianceReportFields; context: ChangeContext }>,
  ): Promise<void> {
    if (deletions.length === 0) return;
    const streams = deletions.map(({ report }) => complianceReportStream(report.id));
    const versions = await streamVersions(manager, this.tables.schema, streams);
    await appendToStreams(
      manager,
      this.tables.schema,
      deletions.map(({ report, context }, index) => ({
        streamId: streams[index],
        expectedVersion: versions.get(streams[index])!,
        events: [complianceReportDeleted(report, context)],
      })),
    );
  }
}
