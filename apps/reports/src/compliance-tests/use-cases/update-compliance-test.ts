import { Inject, Injectable } from '@nestjs/common';
import { preciseNow } from '@validity/contracts';
import { decideCommands, EventStoreWrites } from '@validity/platform/event-store';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { complianceTestStream } from '../../event-sourcing/streams';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import type { ComplianceTest } from '../domain/compliance-test';
import { complianceTestDecider } from '../domain/compliance-test.decider';
import type { ComplianceTestInput } from '../input/compliance-test.input';
import { updateComplianceTest } from '../store/compliance-test-table';
import { assertTestNameIsFree } from '../store/test-name-uniqueness';
import { linkedSelectors, lockSelectors, replaceTestSelectors } from '../store/test-selectors';

/**
 * PUT/PATCH `/tests/{id}/`: `ComplianceTestUpdated`, decided on the test's stream with the given fields
 * (`complianceTestDecider`: a 404 when there is no such test), appended at the version it was decided on,
 * so a concurrent change makes this one a 409 instead of a lost update. Its selectors as they stand and the
 * ones the body names are read first (other aggregates); a new name is checked free on the decided test,
 * before the row follows it (a 400 rolls the decision back).
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
      const linked = await linkedSelectors(manager, this.tables, id);
      // DRF sets a many-to-many only when the body names it (a PUT without `selectors` keeps them).
      const selectors =
        selectorIds === undefined ? undefined : await lockSelectors(manager, this.tables, selectorIds);
      const decided = await decideCommands(manager, this.tables.schema, complianceTestDecider, [
        {
          streamId: complianceTestStream(id),
          command: {
            update: {
              name: input.name,
              description: input.description,
              severity: input.severity,
              expression: input.expression,
              customFields: input.custom_fields,
              selectors,
            },
            at: preciseNow(),
            linked,
            context,
          },
        },
      ]);
      const [{ before, after }] = decided.handled;
      if (before === null || after === null) throw new NotFoundError();
      if (after.name !== before.name) await assertTestNameIsFree(manager, this.tables, after.name, id);
      await updateComplianceTest(manager, this.tables, after);
      if (selectors !== undefined) {
        await replaceTestSelectors(
          manager,
          this.tables,
          id,
          selectors.map((selector) => selector.id),
        );
      }
      await decided.append();
      return after;
    });
  }
}
