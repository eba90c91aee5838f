import { Inject, Injectable } from '@nestjs/common';
import { EventStoreWrites, streamVersion } from '@validity/platform/event-store';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { appendToStream } from '../../event-sourcing/append-to-stream';
import { complianceReportStream } from '../../event-sourcing/streams';
import { lockReportChanges } from '../store/report-changes.lock';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { complianceReportDeleted } from '../domain/compliance-report.events';
import { findComplianceReport } from '../store/compliance-report-table';
import { removeReports } from '../store/remove-reports';

/** DELETE `/reports/{id}/` (Validity allows it): the report and its results, and `ComplianceReportDeleted`. */
@Injectable()
export class DeleteComplianceReport {
  constructor(
    @Inject(EventStoreWrites) private readonly writes: EventStoreWrites,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  async execute(id: number, context: ChangeContext): Promise<void> {
    await this.writes.run(async (manager) => {
      await lockReportChanges(manager, this.tables);
      const report = await findComplianceReport(manager, this.tables, id);
      if (!report) throw new NotFoundError();
      const stream = complianceReportStream(id);
      const version = await streamVersion(manager, this.tables.schema, stream);
      await removeReports(manager, this.tables, [id]);
      await appendToStream(manager, this.tables.schema, stream, version, [
        complianceReportDeleted(report, context),
      ]);
    });
  }
}
