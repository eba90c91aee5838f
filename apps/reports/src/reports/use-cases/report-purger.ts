import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { WakeLoop } from '@validity/platform/background';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { anyPurgingReport, PURGE_START, purgeRetiredResults } from '../../test-results';
import { claimPurge } from '../store/purge-claim';

/** The purge looks for deleted reports' results this often, besides when a delete wakes it. */
const SWEEP_INTERVAL_MS = 1_000;
/**
 * Between two chunks: the purge is in no hurry (the results are hidden already), and its WAL and CPU
 * come in small doses, so the runs' commits do not flush a burst of it (2 shared cores, one disk).
 */
const PAUSE_BETWEEN_CHUNKS_MS = 50;

/**
 * Deletes the results of deleted reports (`retireReports` hid them and listed the reports in
 * `purging_reports`), a chunk of `PURGE_CHUNK` per transaction, outside `lockReportChanges`: the runs
 * stored meanwhile do not queue behind it, where they waited for all 100,000 results of a report when the
 * deleting transaction deleted them (`purgeRetiredResults` says why it needs no lock). A chunk takes the
 * next results of as many reports as it reaches, so one chunk retires up to 2,000 one-result reports.
 *
 * One purge at a time across the service's instances (`claimPurge`, per chunk); the others look again on
 * the next sweep. Crash-safe by construction: each chunk is one transaction, the last one also unlists
 * the report, and the list is the only state, so after a crash or restart the purge picks up where the
 * last committed chunk left off (the first pass runs at start). Its commits wait for their own WAL flush,
 * so a run's commit does not inherit the purge's WAL to flush (as it did with `synchronous_commit = off`).
 * Retention wakes it only by the sweep: the results are hidden meanwhile anyway, and the purge is in no
 * hurry.
 */
@Injectable()
export class ReportPurger implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReportPurger');
  private readonly loop = new WakeLoop({
    pass: () => this.purgeChunk(),
    intervalMs: SWEEP_INTERVAL_MS,
    onError: (error) => this.logger.warn(`purging deleted reports' results failed: ${String(error)}`),
  });
  /** Where the purge is up to: each report's chunks go in id order, from above the last deleted id. */
  private cursor = PURGE_START;

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
    if (!(await anyPurgingReport(this.dataSource.manager, this.tables))) return false;
    const chunk = await this.dataSource.transaction(async (manager) => {
      if (!(await claimPurge(manager, this.tables))) return null;
      return purgeRetiredResults(manager, this.tables, this.cursor);
    });
    if (chunk === null) return false;
    if (chunk.deleted > 0 || chunk.unlisted > 0) {
      this.cursor = chunk.cursor;
      await sleep(PAUSE_BETWEEN_CHUNKS_MS);
      return true;
    }
    // Nothing deleted or unlisted: nothing to purge, or only rows another transaction holds (a test's
    // delete) or rows below the cursor it skipped. From the start again, on the next sweep.
    this.cursor = PURGE_START;
    return false;
  }
}
