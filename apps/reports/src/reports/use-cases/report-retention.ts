import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ComplianceReportFields } from '@validity/contracts';
import { WakeLoop } from '@validity/platform/background';
import { appendToStreams, EventStoreWrites, streamVersions } from '@validity/platform/event-store';
import { REPORTS_CONFIG, type ReportsConfig } from '../../config';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { complianceReportStream } from '../../event-sourcing/streams';
import { complianceReportDeleted } from '../domain/compliance-report.events';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { pruneOldReports } from '../store/prune-old-reports';
import { lockReportChanges } from '../store/report-changes.lock';

interface WaitingRun {
  reportId: number;
  context: ChangeContext;
  done: () => void;
}

/** After a failed pass (PostgreSQL away), the runs still waiting are tried again this much later. */
const RETRY_AFTER_MS = 200;

/**
 * Validity's retention for the runs this instance stored: a run commits its report on its own (no lock,
 * so concurrent runs share WAL flushes), then waits here until a retention pass has run after its commit.
 * One pass serves every run waiting for it, in one transaction under `lockReportChanges`: it sees every
 * committed report, so exactly `STORE_REPORTS` remain and each old report is deleted and announced once,
 * whatever the number of concurrent runs and service instances.
 *
 * As in Validity, the deletions are events of the runs' requests: the i-th oldest deleted report is
 * announced with the i-th run's username and request id (oldest run first), any more with the newest
 * run's. If the service stops between a run's commit and its pass, the next run's pass deletes the excess.
 */
@Injectable()
export class ReportRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReportRetention');
  private waiting: WaitingRun[] = [];
  private readonly loop = new WakeLoop({
    pass: () => this.pass(),
    retryAfterMs: RETRY_AFTER_MS,
    onError: (error) => this.logger.warn(`retention pass failed, retrying: ${String(error)}`),
  });

  constructor(
    @Inject(EventStoreWrites) private readonly writes: EventStoreWrites,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
    @Inject(REPORTS_CONFIG) private readonly config: ReportsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop({ finish: true });
    // Their reports are stored; the next run's pass, here or in another instance, deletes the excess.
    for (const run of this.waiting.splice(0)) run.done();
  }

  /** Resolves once a retention pass that saw the committed report `reportId` has committed. */
  enforce(reportId: number, context: ChangeContext): Promise<void> {
    return new Promise((done) => {
      this.waiting.push({ reportId, context, done });
      this.loop.wake();
    });
  }

  private async pass(): Promise<void> {
    const runs = this.waiting.splice(0).sort((a, b) => a.reportId - b.reportId);
    if (runs.length === 0) return;
    try {
      await this.writes.run((manager) => this.prune(manager, runs));
    } catch (error) {
      this.waiting.unshift(...runs);
      throw error;
    }
    for (const run of runs) run.done();
  }

  private async prune(manager: EntityManager, runs: readonly WaitingRun[]): Promise<void> {
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
