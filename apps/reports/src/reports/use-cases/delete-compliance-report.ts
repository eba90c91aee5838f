import { Inject, Injectable } from '@nestjs/common';
import { EventStoreWrites, streamVersion } from '@validity/platform/event-store';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { appendToStream } from '../../event-sourcing/append-to-stream';
import { complianceReportStream } from '../../event-sourcing/streams';
import { lockReportChanges } from '../store/report-changes.lock';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { complianceReportDeleted } from '../domain/compliance-report.events';
import {
  complianceReportColumns,
  complianceReportFromRow,
  type ComplianceReportRow,
} from '../store/compliance-report.rows';
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
      const [row]: ComplianceReportRow[] = await manager.query(
        `SELECT ${complianceReportColumns('c')} FROM ${this.tables.reports} c WHERE c.id = $1`,
        [id],
      );
      if (!row) throw new NotFoundError();
      const stream = complianceReportStream(id);
      const version = await streamVersion(manager, this.tables.schema, stream);
      await removeReports(manager, this.tables, [id]);
      await appendToStream(manager, this.tables.schema, stream, version, [
        complianceReportDeleted(complianceReportFromRow(row), context),
      ]);
    });
  }
}
