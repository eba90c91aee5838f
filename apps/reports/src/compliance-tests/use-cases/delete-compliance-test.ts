import { Inject, Injectable } from '@nestjs/common';
import { EventStoreWrites, streamVersion } from '@validity/platform/event-store';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { appendToStream } from '../../event-sourcing/append-to-stream';
import { complianceTestStream } from '../../event-sourcing/streams';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { complianceTestDeleted } from '../domain/compliance-test.events';
import { deleteComplianceTest, findComplianceTest } from '../store/compliance-test-table';
import { ResultsOfDeletedTests } from './results-of-deleted-tests';

/**
 * DELETE `/tests/{id}/`: removes the test with its results (Validity cascades them) and appends
 * `ComplianceTestDeleted`. The test row goes first: a report being stored holds a key-share lock on the
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
      const stream = complianceTestStream(id);
      const test = await findComplianceTest(manager, this.tables, id);
      if (!test) throw new NotFoundError();
      const version = await streamVersion(manager, this.tables.schema, stream);
      await deleteComplianceTest(manager, this.tables, id);
      await this.results.deleteResultsOfTest(manager, id);
      await appendToStream(manager, this.tables.schema, stream, version, [
        complianceTestDeleted(test, context),
      ]);
    });
  }
}
