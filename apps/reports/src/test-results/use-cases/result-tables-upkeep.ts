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
import { keepUpTable, resultTablesDue } from '../store/result-tables-upkeep';

/** How often the results tables' counters are read: one catalog query. */
const CHECK_INTERVAL_MS = 2_000;

/**
 * Vacuums and analyzes the results tables as soon as a big change lands, instead of when autovacuum next
 * visits the database (every `autovacuum_naptime`, a minute by default, and later when its workers are
 * busy). Each run of 100,000 results replaces as many latest marks, so `latest_test_results` holds 100,000
 * more dead versions per run until it is vacuumed; the `latest=true` count joins the whole table (a hash
 * join over a sequential scan, the planner's choice even for one device), and after ten such runs it read
 * ten times the rows: 0.3-2 s per `device_id` + `latest=true` read under load, until autovacuum came
 * (docs/performance.md, "Round ten"). A purge's deleted results and a big run's new ones likewise leave
 * pages that index-only scans must visit and statistics that no longer describe the table.
 */
@Injectable()
export class ResultTablesUpkeep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ResultTablesUpkeep');
  private readonly loop = new WakeLoop({
    pass: () => this.keepUp(),
    intervalMs: CHECK_INTERVAL_MS,
    onError: (error) => this.logger.warn(`vacuuming the results tables failed: ${String(error)}`),
  });

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

  private async keepUp(): Promise<void> {
    for (const due of await resultTablesDue(this.dataSource.manager, this.tables))
      await keepUpTable(this.dataSource.manager, due);
  }
}
