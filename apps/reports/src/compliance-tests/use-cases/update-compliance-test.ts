import { Inject, Injectable } from '@nestjs/common';
import { preciseNow } from '@validity/contracts';
import { EventStoreWrites, streamVersion } from '@validity/platform/event-store';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { appendToStream } from '../../event-sourcing/append-to-stream';
import { complianceTestStream } from '../../event-sourcing/streams';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import type { ComplianceTest } from '../domain/compliance-test';
import { complianceTestUpdated } from '../domain/compliance-test.events';
import type { ComplianceTestInput } from '../input/compliance-test.input';
import { findComplianceTest, updateComplianceTest } from '../store/compliance-test-table';
import { assertTestNameIsFree } from '../store/test-name-uniqueness';
import { setTestSelectors } from '../store/test-selectors';

/**
 * PUT/PATCH `/tests/{id}/`: applies the given fields and appends `ComplianceTestUpdated` (NetBox sends an
 * update for every save, changed or not). Optimistic: the state is read without a lock and the append
 * expects the version read with it, so a concurrent change makes this one a 409 instead of a lost update.
 */
@Injectable()
export class UpdateComplianceTest {
  constructor(
    @Inject(EventStoreWrites) private readonly writes: EventStoreWrites,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  async execute(
    id: number,
    input: ComplianceTestInput,
    selectorIds: readonly number[] | undefined,
    context: ChangeContext,
  ): Promise<ComplianceTest> {
    return this.writes.run(async (manager) => {
      const stream = complianceTestStream(id);
      const before = await findComplianceTest(manager, this.tables, id);
      if (!before) throw new NotFoundError();
      const version = await streamVersion(manager, this.tables.schema, stream);
      const after: ComplianceTest = {
        ...before,
        name: input.name ?? before.name,
        description: input.description ?? before.description,
        severity: input.severity ?? before.severity,
        expression: input.expression ?? before.expression,
        customFields: input.custom_fields ?? before.customFields,
        lastUpdated: preciseNow(),
      };
      if (after.name !== before.name) await assertTestNameIsFree(manager, this.tables, after.name, id);
      await updateComplianceTest(manager, this.tables, after);
      // DRF sets a many-to-many only when the body names it (a PUT without `selectors` keeps them).
      if (selectorIds !== undefined) {
        after.selectors = await setTestSelectors(manager, this.tables, id, selectorIds);
      }
      await appendToStream(manager, this.tables.schema, stream, version, [
        complianceTestUpdated(before, after, context),
      ]);
      return after;
    });
  }
}
