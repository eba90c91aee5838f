import { Inject, Injectable } from '@nestjs/common';
import { decideCommands, EventStoreWrites } from '@validity/platform/event-store';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { complianceSelectorStream } from '../../event-sourcing/streams';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { complianceSelectorDecider } from '../domain/compliance-selector.decider';
import { deleteComplianceSelector } from '../store/compliance-selector-table';

/**
 * DELETE `/selectors/{id}/`: `ComplianceSelectorDeleted`, decided on the selector's stream (a 404 when
 * there is no such selector), the row goes and the event is appended. Its links to tests go with it (the join table cascades),
 * and as in NetBox the tests get no event for that: Django removes many-to-many rows of a deleted object
 * without `m2m_changed` signals.
 */
@Injectable()
export class DeleteComplianceSelector {
  constructor(
    @Inject(EventStoreWrites) private readonly writes: EventStoreWrites,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  async execute(id: number, context: ChangeContext): Promise<void> {
    await this.writes.run(async (manager) => {
      const decided = await decideCommands(manager, this.tables.schema, complianceSelectorDecider, [
        { streamId: complianceSelectorStream(id), command: { delete: context } },
      ]);
      await deleteComplianceSelector(manager, this.tables, id);
      await decided.append();
    });
  }
}
