import { Inject, Injectable } from '@nestjs/common';
import { preciseNow } from '@validity/contracts';
import { NetBoxValidationError } from '@validity/platform/netbox-api';
import { EventStoreWrites } from '@validity/platform/event-store';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { appendToStream } from '../../event-sourcing/append-to-stream';
import { complianceTestStream } from '../../event-sourcing/streams';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import type { ComplianceTest } from '../domain/compliance-test';
import { complianceTestCreated } from '../domain/compliance-test.events';
import { EXPRESSION_OR_DATA_FILE, type ComplianceTestInput } from '../input/compliance-test.input';
import { DEFAULT_SEVERITY } from '../domain/severity';
import { assertTestNameIsFree } from '../store/test-name-uniqueness';
import { setTestSelectors } from '../store/test-selectors';
import { insertComplianceTest } from '../store/compliance-test-table';

/** The input of a create, validated with the required fields present. */
export type NewComplianceTest = ComplianceTestInput &
  Required<Pick<ComplianceTestInput, 'name' | 'description'>>;

/**
 * POST `/tests/`: stores the test with its selectors and appends `ComplianceTestCreated` in one
 * transaction. A test needs an expression (Validity's `DataSourceMixin.clean()`: there are no data files
 * to take it from here), checked after the field checks as NetBox runs `clean()`.
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
      const fields = {
        name: input.name,
        description: input.description,
        severity: input.severity ?? DEFAULT_SEVERITY,
        expression,
        customFields: input.custom_fields ?? {},
        created: now,
        lastUpdated: now,
      };
      const id = await insertComplianceTest(manager, this.tables, fields);
      const selectors = await setTestSelectors(manager, this.tables, id, selectorIds);
      const test: ComplianceTest = { id, ...fields, selectors };
      await appendToStream(manager, this.tables.schema, complianceTestStream(id), 0, [
        complianceTestCreated(test, context),
      ]);
      return test;
    });
  }
}
