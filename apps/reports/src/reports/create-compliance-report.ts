import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { preciseNow, type ComplianceReportFields } from '@validity/contracts';
import { streamVersion } from '@validity/platform/event-store';
import { REPORTS_CONFIG, type ReportsConfig } from '../config';
import type { ChangeContext } from '../event-sourcing/change-context';
import { appendToStream } from '../event-sourcing/append-to-stream';
import { complianceReportStream } from '../event-sourcing/streams';
import { pruneOldReports } from '../retention/prune-old-reports';
import { lockReportChanges } from '../retention/report-changes.lock';
import { REPORTS_TABLES, type ReportsTables } from '../storage/reports-tables';
import { timestampParameter } from '../storage/precise-time-column';
import {
  insertTestResults,
  markLatestResults,
  type StoredTestResult,
} from '../test-results/test-result-store';
import { complianceReportCreated, complianceReportDeleted } from './compliance-report.events';
import { reportCounts } from './report-counts';
import { readRunInput, type RunResult } from './run-input';
import { RunInputErrors } from './run-input-errors';
import { checkDeviceIds, resolveDeviceNames, resolveTests, type ReferenceIds } from './run-references';

/**
 * POST `/reports/` (our extension: Validity creates reports from its own script): one compliance run.
 * In one transaction it validates every result, stores the report and its results, applies retention
 * and appends exactly one `ComplianceReportCreated` (after a `ComplianceReportDeleted` per pruned
 * report), so nothing is half-written and the event only exists once every result does.
 */
@Injectable()
export class CreateComplianceReport {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
    @Inject(REPORTS_CONFIG) private readonly config: ReportsConfig,
  ) {}

  async execute(body: unknown, context: ChangeContext): Promise<ComplianceReportFields> {
    const errors = new RunInputErrors();
    const input = readRunInput(body, errors);
    return this.dataSource.transaction(async (manager) => {
      const tests = await resolveTests(manager, this.tables, input.results, errors);
      await checkDeviceIds(manager, this.tables, input.results, errors);
      if (!errors.isEmpty) throw errors.toError(input.results.length);
      // No errors were recorded, so every field of every result was read.
      const results = input.results as RunResult[];
      const devices = await resolveDeviceNames(manager, this.tables, results);

      const created = preciseNow();
      const [{ id }]: Array<{ id: number }> = await manager.query(
        `INSERT INTO ${this.tables.reports} (created, last_updated, custom_fields) VALUES ($1, $1, $2) RETURNING id`,
        [timestampParameter(created), input.customFields],
      );
      await insertTestResults(manager, this.tables, id, storedResults(results, tests, devices));

      await lockReportChanges(manager, this.tables);
      await markLatestResults(manager, this.tables, id);
      const pruned = await pruneOldReports(manager, this.tables, this.config.retention.storeReports, id);
      const counts = (await reportCounts(manager, this.tables, [id])).get(id);
      const report: ComplianceReportFields = {
        id,
        created,
        lastUpdated: created,
        customFields: input.customFields,
        counts,
      };

      await this.announcePruned(manager, pruned, context);
      await appendToStream(manager, this.tables.schema, complianceReportStream(id), 0, [
        complianceReportCreated(report, context),
      ]);
      return report;
    });
  }

  /** Validity 1.x deletes old reports inside the run's request, so each deletion is an event of it. */
  private async announcePruned(
    manager: EntityManager,
    pruned: readonly ComplianceReportFields[],
    context: ChangeContext,
  ): Promise<void> {
    for (const report of pruned) {
      const stream = complianceReportStream(report.id);
      const version = await streamVersion(manager, this.tables.schema, stream);
      await appendToStream(manager, this.tables.schema, stream, version, [
        complianceReportDeleted(report, context),
      ]);
    }
  }
}

function* storedResults(
  results: readonly RunResult[],
  tests: ReferenceIds,
  devices: ReferenceIds,
): Generator<StoredTestResult> {
  for (const result of results) {
    yield {
      testId: tests.idOf(result.test),
      deviceId: devices.idOf(result.device),
      dynamicPairId: result.dynamicPair === null ? null : devices.idOf(result.dynamicPair),
      passed: result.passed,
      explanation: result.explanation,
    };
  }
}
