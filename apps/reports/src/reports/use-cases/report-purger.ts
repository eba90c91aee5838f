import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WakeLoop } from '@validity/platform/background';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { nextPurgingReport, purgeResultsOfReport } from '../../test-results';
import { claimPurge } from '../store/purge-claim';

/** The purge looks for deleted reports' results this often, besides when a delete wakes it. */
const SWEEP_INTERVAL_MS = 1_000;

/**
 * Deletes the results of deleted reports (`retireReports` hid them and listed the reports in
 * `purging_reports`), a chunk of `PURGE_CHUNK` per transaction, outside `lockReportChanges`: the runs
 * stored meanwhile do not queue behind it, where they waited for all 100,000 results of a report when the
 * deleting transaction deleted them (`purgeResultsOfReport` says why it needs no lock).
 *
 * One purge at a time across the service's instances (`claimPurge`, per chunk); the others look again on
 * the next sweep. Crash-safe by construction: each chunk is one transaction, the last one also unlists
 * the report, and the list is the only state, so after a crash or restart the purge picks up where the
 * last committed chunk left off (the first pass runs at start). A chunk's commit is not waited for on disk
 * (`synchronous_commit = off`): one lost in a crash is simply deleted again. Retention wakes it only by
 * the sweep: the batch that pruned has not committed when retention runs, and the results are hidden
 * meanwhile anyway.
 */
@Injectable()
export class ReportPurger implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReportPurger');
  private readonly loop = new WakeLoop({
    pass: () => this.purgeChunk(),
    intervalMs: SWEEP_INTERVAL_MS,
    onError: (error) => this.logger.warn(`purging deleted reports' results failed: ${String(error)}`),
  });
  /** Where the report being purged is up to: its chunks go in id order, from above the last deleted id. */
  private cursor = { reportId: 0, afterId: '0' };

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** Looks for results to purge now (after a delete has committed). */
  wake(): void {
    this.loop.wake();
  }

  /** One chunk; true when there is more to do at once (the loop then runs again). */
  private async purgeChunk(): Promise<boolean> {
    const reportId = await nextPurgingReport(this.dataSource.manager, this.tables);
    if (reportId === null) return false;
    const afterId = this.cursor.reportId === reportId ? this.cursor.afterId : '0';
    const chunk = await this.dataSource.transaction(async (manager) => {
      if (!(await claimPurge(manager, this.tables))) return null;
      await manager.query('SET LOCAL synchronous_commit = off');
      return purgeResultsOfReport(manager, this.tables, reportId, afterId);
    });
    if (chunk === null) return false;
    if (chunk.finished || chunk.deleted > 0) {
      this.cursor = { reportId, afterId: chunk.lastId ?? afterId };
      return true;
    }
    // Nothing deleted, yet results remain: rows another transaction holds (a test's delete), or rows
    // below the cursor it skipped. From the start again, on the next sweep.
    this.cursor = { reportId, afterId: '0' };
    return false;
  }
}
