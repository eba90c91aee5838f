import { Inject, Injectable } from '@nestjs/common';
import { preciseNow } from '@validity/contracts';
import { EventStoreWrites, streamVersion } from '@validity/platform/event-store';
import { NetBoxValidationError, NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { appendToStream } from '../../event-sourcing/append-to-stream';
import { complianceSelectorStream } from '../../event-sourcing/streams';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import type { ComplianceSelector } from '../domain/compliance-selector';
import { complianceSelectorCreated, complianceSelectorUpdated } from '../domain/compliance-selector.events';
import type { ComplianceSelectorInput } from '../input/compliance-selector.input';
import {
  findComplianceSelector,
  insertComplianceSelector,
  updateComplianceSelector,
} from '../store/compliance-selector-table';
import { assertSelectorNameIsFree } from '../store/selector-name-uniqueness';
import { selectorRuleErrors } from '../domain/selector-rules';

/** The input of a create, validated with the required fields present. */
export type NewComplianceSelector = ComplianceSelectorInput & Required<Pick<ComplianceSelectorInput, 'name'>>;

/**
 * POST `/selectors/` and PUT/PATCH `/selectors/{id}/`: applies the given fields over the defaults or the
 * stored selector, runs Validity's `clean()` rules on the result (NetBox's second validation stage), and
 * appends `ComplianceSelectorCreated` / `ComplianceSelectorUpdated` in the same transaction. An update
 * expects the stream version read with the state, so a concurrent change makes it a 409.
 */
@Injectable()
export class SaveComplianceSelector {
  constructor(
    @Inject(EventStoreWrites) private readonly writes: EventStoreWrites,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  async create(input: NewComplianceSelector, context: ChangeContext): Promise<ComplianceSelector> {
    const now = preciseNow();
    const fields = applyInput(
      {
        name: '',
        filterOperation: 'AND',
        nameFilter: '',
        statusFilter: '',
        dynamicPairs: 'NO',
        dpTagPrefix: '',
        customFields: {},
        created: now,
        lastUpdated: now,
      },
      input,
    );
    return this.writes.run(async (manager) => {
      await assertSelectorNameIsFree(manager, this.tables, fields.name);
      const id = await insertComplianceSelector(manager, this.tables, fields);
      const selector: ComplianceSelector = { id, ...fields };
      await appendToStream(manager, this.tables.schema, complianceSelectorStream(id), 0, [
        complianceSelectorCreated(selector, context),
      ]);
      return selector;
    });
  }

  async update(
    id: number,
    input: ComplianceSelectorInput,
    context: ChangeContext,
  ): Promise<ComplianceSelector> {
    return this.writes.run(async (manager) => {
      const stream = complianceSelectorStream(id);
      const before = await findComplianceSelector(manager, this.tables, id);
      if (!before) throw new NotFoundError();
      const version = await streamVersion(manager, this.tables.schema, stream);
      const after: ComplianceSelector = { ...applyInput(before, input), id, lastUpdated: preciseNow() };
      if (after.name !== before.name) await assertSelectorNameIsFree(manager, this.tables, after.name, id);
      await updateComplianceSelector(manager, this.tables, after);
      await appendToStream(manager, this.tables.schema, stream, version, [
        complianceSelectorUpdated(before, after, context),
      ]);
      return after;
    });
  }
}

/** The selector with the given fields applied, checked with Validity's rules (400 when they fail). */
function applyInput<T extends Omit<ComplianceSelector, 'id'>>(base: T, input: ComplianceSelectorInput): T {
  const next: T = {
    ...base,
    name: input.name ?? base.name,
    filterOperation: input.filter_operation ?? base.filterOperation,
    nameFilter: input.name_filter ?? base.nameFilter,
    statusFilter: input.status_filter ?? base.statusFilter,
    dynamicPairs: input.dynamic_pairs ?? base.dynamicPairs,
    dpTagPrefix: input.dp_tag_prefix ?? base.dpTagPrefix,
    customFields: input.custom_fields ?? base.customFields,
  };
  const errors = selectorRuleErrors(next);
  if (errors) throw new NetBoxValidationError(errors);
  return next;
}
