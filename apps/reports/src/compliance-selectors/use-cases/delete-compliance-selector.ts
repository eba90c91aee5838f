import { Inject, Injectable } from '@nestjs/common';
import { EventStoreWrites, streamVersion } from '@validity/platform/event-store';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { appendToStream } from '../../event-sourcing/append-to-stream';
import { complianceSelectorStream } from '../../event-sourcing/streams';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { complianceSelectorDeleted } from '../domain/compliance-selector.events';
import { deleteComplianceSelector, findComplianceSelector } from '../store/compliance-selector-table';

/**
 * DELETE `/selectors/{id}/`: removes the selector and appends `ComplianceSelectorDeleted`. Its links to
 * tests go with it (the join table cascades), and as in NetBox the tests get no event for that: Django
 * removes many-to-many rows of a deleted object without `m2m_changed` signals.
 */
@Injectable()
export class DeleteComplianceSelector {
  constructor(
    @Inject(EventStoreWrites) private readonly writes: EventStoreWrites,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  async execute(id: number, context: ChangeContext): Promise<void> {
    await this.writes.run(async (manager) => {
      const stream = complianceSelectorStream(id);
      const selector = await findComplianceSelector(manager, this.tables, id);
      if (!selector) throw new NotFoundError();
      const version = await streamVersion(manager, this.tables.schema, stream);
      await deleteComplianceSelector(manager, this.tables, id);
      await appendToStream(manager, this.tables.schema, stream, version, [
        complianceSelectorDeleted(selector, context),
      ]);
    });
  }
}
