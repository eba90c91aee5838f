import { Inject, Injectable } from '@nestjs/common';
import { preciseNow } from '@validity/contracts';
import { decideCommands, EventStoreWrites } from '@validity/platform/event-store';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { complianceSelectorStream } from '../../event-sourcing/streams';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import type { ComplianceSelector } from '../domain/compliance-selector';
import {
  checkedSelector,
  complianceSelectorDecider,
  withChange,
  type ComplianceSelectorChange,
} from '../domain/compliance-selector.decider';
import type { ComplianceSelectorInput } from '../input/compliance-selector.input';
import { putComplianceSelector, updateComplianceSelector } from '../store/compliance-selector-table';
import { nextIds } from '../../storage/next-ids';
import { assertSelectorNameIsFree } from '../store/selector-name-uniqueness';

/** The input of a create, validated with the required fields present. */
export type NewComplianceSelector = ComplianceSelectorInput & Required<Pick<ComplianceSelectorInput, 'name'>>;

/**
 * POST `/selectors/` and PUT/PATCH `/selectors/{id}/`: the given fields over the defaults or the selector
 * its stream leaves, decided by `complianceSelectorDecider` (Validity's `clean()` rules, NetBox's second
 * validation stage, a 400 when they fail; a 404 for no such selector), a new name checked free, the row
 * following the decided selector and `ComplianceSelectorCreated` / `ComplianceSelectorUpdated` appended,
 * in one transaction. An update is appended at the version it was decided on, so a concurrent
 * change makes it a 409.
 */
@Injectable()
export class SaveComplianceSelector {
  constructor(
    @Inject(EventStoreWrites) private readonly writes: EventStoreWrites,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  async create(input: NewComplianceSelector, context: ChangeContext): Promise<ComplianceSelector> {
    const now = preciseNow();
    // Checked before an id is handed out, as before this decided on streams: a refused selector takes none.
    const fields = checkedSelector(
      withChange(
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
        changeOf(input),
      ),
    );
    return this.writes.run(async (manager) => {
      await assertSelectorNameIsFree(manager, this.tables, fields.name);
      const selector: ComplianceSelector = {
        id: (await nextIds(manager, this.tables.selectors, 1))[0],
        ...fields,
      };
      const decided = await decideCommands(
        manager,
        this.tables.schema,
        complianceSelectorDecider,
        [{ streamId: complianceSelectorStream(selector.id), command: { create: selector, context } }],
        { newStreams: true },
      );
      await putComplianceSelector(manager, this.tables, selector);
      await decided.append();
      return selector;
    });
  }

  async update(
    id: number,
    input: ComplianceSelectorInput,
    context: ChangeContext,
  ): Promise<ComplianceSelector> {
    return this.writes.run(async (manager) => {
      const decided = await decideCommands(manager, this.tables.schema, complianceSelectorDecider, [
        {
          streamId: complianceSelectorStream(id),
          command: { update: changeOf(input), at: preciseNow(), context },
        },
      ]);
      const [{ before, after }] = decided.handled;
      if (before === null || after === null) throw new NotFoundError();
      if (after.name !== before.name) await assertSelectorNameIsFree(manager, this.tables, after.name, id);
      await updateComplianceSelector(manager, this.tables, after);
      await decided.append();
      return after;
    });
  }
}

function changeOf(input: ComplianceSelectorInput): ComplianceSelectorChange {
  return {
    name: input.name,
    filterOperation: input.filter_operation,
    nameFilter: input.name_filter,
    statusFilter: input.status_filter,
    dynamicPairs: input.dynamic_pairs,
    dpTagPrefix: input.dp_tag_prefix,
    customFields: input.custom_fields,
  };
}
