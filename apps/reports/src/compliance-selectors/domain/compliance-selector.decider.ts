import type { PreciseTime } from '@validity/contracts';
import type { Decider, NewEvent } from '@validity/platform/event-store';
import { NetBoxValidationError, NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { envelopeStateAfter, type EnvelopeEventTypes } from '../../event-sourcing/envelope-state';
import { asStored } from '../../event-sourcing/jsonb-key-order';
import type { ComplianceSelector } from './compliance-selector';
import {
  COMPLIANCE_SELECTOR_EVENT_TYPES,
  complianceSelectorCreated,
  complianceSelectorDeleted,
  complianceSelectorUpdated,
} from './compliance-selector.events';
import { complianceSelectorOfData } from './compliance-selector.representation';
import { selectorRuleErrors } from './selector-rules';

/** A selector as its stream leaves it (`null` before it is created and after it is deleted). */
export type ComplianceSelectorState = ComplianceSelector | null;

/** The fields a save sets; an absent one keeps its value. */
export type ComplianceSelectorChange = Partial<Omit<ComplianceSelector, 'id' | 'created' | 'lastUpdated'>>;

export type ComplianceSelectorCommand =
  /** A new selector, its id just handed out. */
  | { create: ComplianceSelector; context: ChangeContext }
  | { update: ComplianceSelectorChange; at: PreciseTime; context: ChangeContext }
  | { delete: ChangeContext };

/** The events a selector's state and row follow (`envelopeStateAfter`, the projection). */
export const COMPLIANCE_SELECTOR_STATE_EVENTS: EnvelopeEventTypes = {
  changed: [COMPLIANCE_SELECTOR_EVENT_TYPES.created, COMPLIANCE_SELECTOR_EVENT_TYPES.updated],
  deleted: COMPLIANCE_SELECTOR_EVENT_TYPES.deleted,
};

/**
 * A selector's stream: created, updated any number of times, deleted. A save must leave the selector
 * valid by Validity's `clean()` rules (a 400 naming the field otherwise); a free name (other selectors) is
 * checked by the use case.
 */
export const complianceSelectorDecider: Decider<ComplianceSelectorState, ComplianceSelectorCommand> = {
  initialState: () => null,
  evolve: (state, event) =>
    envelopeStateAfter(state, event, COMPLIANCE_SELECTOR_STATE_EVENTS, complianceSelectorOfData),
  decide: (command, state): NewEvent[] => {
    if ('create' in command) {
      if (state !== null) throw new Error(`selector ${state.id} already exists`);
      return [complianceSelectorCreated(checkedSelector(command.create), command.context)];
    }
    if (state === null) throw new NotFoundError();
    const before = asStored(state);
    if ('delete' in command) return [complianceSelectorDeleted(before, command.delete)];
    const after = { ...withChange(before, command.update), lastUpdated: command.at };
    return [complianceSelectorUpdated(before, checkedSelector(after), command.context)];
  },
};

/** `base` with the fields `change` sets. */
export function withChange<T extends Omit<ComplianceSelector, 'id'>>(
  base: T,
  change: ComplianceSelectorChange,
): T {
  return {
    ...base,
    name: change.name ?? base.name,
    filterOperation: change.filterOperation ?? base.filterOperation,
    nameFilter: change.nameFilter ?? base.nameFilter,
    statusFilter: change.statusFilter ?? base.statusFilter,
    dynamicPairs: change.dynamicPairs ?? base.dynamicPairs,
    dpTagPrefix: change.dpTagPrefix ?? base.dpTagPrefix,
    customFields: change.customFields ?? base.customFields,
  };
}

/** The selector, when Validity's rules hold for it; their 400 otherwise. */
export function checkedSelector<T extends Omit<ComplianceSelector, 'id'>>(selector: T): T {
  const errors = selectorRuleErrors(selector);
  if (errors) throw new NetBoxValidationError(errors);
  return selector;
}
