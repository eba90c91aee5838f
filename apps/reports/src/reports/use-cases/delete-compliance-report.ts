import { Inject, Injectable } from '@nestjs/common';
import { decideCommands, EventStoreWrites } from '@validity/platform/event-store';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { complianceReportStream } from '../../event-sourcing/streams';
import { lockReportChanges } from '../store/report-changes.lock';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { complianceReportDecider } from '../domain/compliance-report.decider';
import { retireReports } from '../store/remove-reports';
import { ReportPurger } from './report-purger';

/**
 * DELETE `/reports/{id}/` (Validity allows it): `ComplianceReportDeleted`, decided on the report's stream
 * (a 404 when it has none, or was deleted); the report and its results leave the read model, and the event
 * is appended. Under `lockReportChanges`, so retention and this never both delete (and announce) one
 * report. The results go as retention's do (`retireReports`): hidden at the commit, deleted by the purge
 * right after it, so a client deleting a big report does not hold up the runs being stored meanwhile.
 */
@Injectable()
export class DeleteComplianceReport {
  constructor(
    @Inject(EventStoreWrites) private readonly writes: EventStoreWrites,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
    @Inject(ReportPurger) private readonly purger: ReportPurger,
  ) {}

  async execute(id: number, context: ChangeContext): Promise<void> {
    await this.writes.run(async (manager) => {
      await lockReportChanges(manager, this.tables);
      const decided = await decideCommands(manager, this.tables.schema, complianceReportDecider, [
        { streamId: complianceReportStream(id), command: { delete: context } },
      ]);
      await retireReports(manager, this.tables, [id]);
      await decided.append();
    });
    this.purger.wake();
  }
}
