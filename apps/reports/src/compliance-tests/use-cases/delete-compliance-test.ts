import { Inject, Injectable } from '@nestjs/common';
import { decideCommands, EventStoreWrites } from '@validity/platform/event-store';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { complianceTestStream } from '../../event-sourcing/streams';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { complianceTestDecider } from '../domain/compliance-test.decider';
import { deleteComplianceTest } from '../store/compliance-test-table';
import { linkedSelectors } from '../store/test-selectors';
import { ResultsOfDeletedTests } from './results-of-deleted-tests';

/**
 * DELETE `/tests/{id}/`: `ComplianceTestDeleted`, decided on the test's stream (a 404 when there is no
 * such test) with the selectors it is linked to now; the test leaves the read model with its results
 * (Validity cascades them), and the event is appended. The test row goes first: a report being stored holds a key-share lock on the
 * tests it references, so this waits for it and then also sees, and deletes, its results.
 */
@Injectable()
export class DeleteComplianceTest {
  constructor(
    @Inject(EventStoreWrites) private readonly writes: EventStoreWrites,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
    @Inject(ResultsOfDeletedTests) private readonly results: ResultsOfDeletedTests,
  ) {}

  async execute(id: number, context: ChangeContext): Promise<void> {
    await this.writes.run(async (manager) => {
      const linked = await linkedSelectors(manager, this.tables, id);
      const decided = await decideCommands(manager, this.tables.schema, complianceTestDecider, [
        { streamId: complianceTestStream(id), command: { delete: true, linked, context } },
      ]);
      await deleteComplianceTest(manager, this.tables, id);
      await this.results.deleteResultsOfTest(manager, id);
      await decided.append();
    });
  }
}
