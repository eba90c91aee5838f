import { Inject, Injectable } from '@nestjs/common';
import { preciseNow, type ComplianceReportFields } from '@validity/contracts';
import { EventStoreWrites } from '@validity/platform/event-store';
import type { ChangeContext } from '../event-sourcing/change-context';
import { appendToStream } from '../event-sourcing/append-to-stream';
import { complianceReportStream } from '../event-sourcing/streams';
import { ReportRetention } from '../retention/report-retention';
import { REPORTS_TABLES, type ReportsTables } from '../storage/reports-tables';
import { timestampParameter } from '../storage/precise-time-column';
import {
  insertTestResults,
  markLatestResults,
  type StoredTestResult,
} from '../test-results/test-result-store';
import { complianceReportCreated } from './compliance-report.events';
import { reportCounts } from './report-counts';
import { readRunInput, type RunResult } from './run-input';
import { RunInputErrors } from './run-input-errors';
import { checkDeviceIds, resolveDeviceNames, resolveTests, type ReferenceIds } from './run-references';

/**
 * POST `/reports/` (our extension: Validity creates reports from its own script): one compliance run.
 * In one transaction it validates every result, stores the report and its results and appends exactly
 * one `ComplianceReportCreated`, so nothing is half-written and the event only exists once every result
 * does. Retention follows before the answer (`ReportRetention`, shared by the runs committing meanwhile):
 * nothing in the run's own transaction is held until its commit, so concurrent runs do not queue
 * behind one another's WAL flush.
 */
@Injectable()
export class CreateComplianceReport {
  constructor(
    @Inject(EventStoreWrites) private readonly writes: EventStoreWrites,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
    @Inject(ReportRetention) private readonly retention: ReportRetention,
  ) {}

  async execute(body: unknown, context: ChangeContext): Promise<ComplianceReportFields> {
    const errors = new RunInputErrors();
    const input = readRunInput(body, errors);
    const report = await this.writes.run(async (manager) => {
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
      await markLatestResults(manager, this.tables, id);
      const counts = (await reportCounts(manager, this.tables, [id])).get(id);
      const stored: ComplianceReportFields = {
        id,
        created,
        lastUpdated: created,
        customFields: input.customFields,
        counts,
      };
      await appendToStream(manager, this.tables.schema, complianceReportStream(id), 0, [
        complianceReportCreated(stored, context),
      ]);
      return stored;
    });
    await this.retention.enforce(report.id, context);
    return report;
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
