import { Inject, Injectable } from '@nestjs/common';
import { preciseNow } from '@validity/contracts';
import { NetBoxValidationError } from '@validity/platform/netbox-api';
import { decideCommands, EventStoreWrites } from '@validity/platform/event-store';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { complianceTestStream } from '../../event-sourcing/streams';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import type { ComplianceTest } from '../domain/compliance-test';
import { complianceTestDecider } from '../domain/compliance-test.decider';
import { EXPRESSION_OR_DATA_FILE, type ComplianceTestInput } from '../input/compliance-test.input';
import { DEFAULT_SEVERITY } from '../domain/severity';
import { assertTestNameIsFree } from '../store/test-name-uniqueness';
import { linkTestSelectors, lockSelectors } from '../store/test-selectors';
import { putComplianceTest } from '../store/compliance-test-table';
import { nextIds } from '../../storage/next-ids';

/** The input of a create, validated with the required fields present. */
export type NewComplianceTest = ComplianceTestInput &
  Required<Pick<ComplianceTestInput, 'name' | 'description'>>;

/**
 * POST `/tests/`: a test needs an expression (Validity's `DataSourceMixin.clean()`: there are no data files
 * to take it from here), checked after the field checks as NetBox runs `clean()`. Then, in one
 * transaction: its name is checked free and its selectors resolved (other aggregates), it gets an id and
 * `ComplianceTestCreated` is decided on its new stream (`complianceTestDecider`, no read: the id is new),
 * its row and links follow the decided test, and the event is appended.
 */
@Injectable()
export class CreateComplianceTest {
  constructor(
    @Inject(EventStoreWrites) private readonly writes: EventStoreWrites,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  async execute(
    input: NewComplianceTest,
    selectorIds: readonly number[],
    context: ChangeContext,
  ): Promise<ComplianceTest> {
    const expression = input.expression;
    if (expression === undefined) throw new NetBoxValidationError({ expression: [EXPRESSION_OR_DATA_FILE] });
    return this.writes.run(async (manager) => {
      await assertTestNameIsFree(manager, this.tables, input.name);
      const now = preciseNow();
      const test: ComplianceTest = {
        id: (await nextIds(manager, this.tables.tests, 1))[0],
        name: input.name,
        description: input.description,
        severity: input.severity ?? DEFAULT_SEVERITY,
        expression,
        selectors: await lockSelectors(manager, this.tables, selectorIds),
        customFields: input.custom_fields ?? {},
        created: now,
        lastUpdated: now,
      };
      const decided = await decideCommands(
        manager,
        this.tables.schema,
        complianceTestDecider,
        [{ streamId: complianceTestStream(test.id), command: { create: test, context } }],
        { newStreams: true },
      );
      await putComplianceTest(manager, this.tables, test);
      await linkTestSelectors(
        manager,
        this.tables,
        test.id,
        test.selectors.map((selector) => selector.id),
      );
      await decided.append();
      return test;
    });
  }
}
