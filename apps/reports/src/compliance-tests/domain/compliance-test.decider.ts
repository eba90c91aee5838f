import type { PreciseTime } from '@validity/contracts';
import type { Decider, NewEvent } from '@validity/platform/event-store';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { envelopeStateAfter, type EnvelopeEventTypes } from '../../event-sourcing/envelope-state';
import { asStored } from '../../event-sourcing/jsonb-key-order';
import type { ComplianceTest, SelectorReference } from './compliance-test';
import {
  COMPLIANCE_TEST_EVENT_TYPES,
  complianceTestCreated,
  complianceTestDeleted,
  complianceTestUpdated,
} from './compliance-test.events';
import { complianceTestOfData } from './compliance-test.representation';

/**
 * A test as its stream leaves it (`null` before it is created and after it is deleted). Its `selectors`
 * are as its last event showed them: a selector renamed or deleted since changed the test's links without
 * an event of the test (as in NetBox), so a command brings the links as they stand (`linked`).
 */
export type ComplianceTestState = ComplianceTest | null;

/** The fields a save sets; an absent one keeps its value (`selectors` resolved, ordered by name). */
export type ComplianceTestChange = Partial<
  Pick<ComplianceTest, 'name' | 'description' | 'severity' | 'expression' | 'customFields' | 'selectors'>
>;

export type ComplianceTestCommand =
  /** A new test, its id just handed out and its selectors resolved. */
  | { create: ComplianceTest; context: ChangeContext }
  | {
      update: ComplianceTestChange;
      at: PreciseTime;
      /** The selectors the test is linked to now, by name. */
      linked: readonly SelectorReference[];
      context: ChangeContext;
    }
  | { delete: true; linked: readonly SelectorReference[]; context: ChangeContext };

/** The events a test's state and row follow (`envelopeStateAfter`, the projection). */
export const COMPLIANCE_TEST_STATE_EVENTS: EnvelopeEventTypes = {
  changed: [COMPLIANCE_TEST_EVENT_TYPES.created, COMPLIANCE_TEST_EVENT_TYPES.updated],
  deleted: COMPLIANCE_TEST_EVENT_TYPES.deleted,
};

/**
 * A test's stream: created, updated any number of times (NetBox sends an update for every save, changed
 * or not), deleted. Whatever needs other aggregates (a free name, the selectors) is checked before.
 */
export const complianceTestDecider: Decider<ComplianceTestState, ComplianceTestCommand> = {
  initialState: () => null,
  evolve: (state, event) =>
    envelopeStateAfter(state, event, COMPLIANCE_TEST_STATE_EVENTS, complianceTestOfData),
  decide: (command, state): NewEvent[] => {
    if ('create' in command) {
      if (state !== null) throw new Error(`test ${state.id} already exists`);
      return [complianceTestCreated(command.create, command.context)];
    }
    if (state === null) throw new NotFoundError();
    const before: ComplianceTest = { ...asStored(state), selectors: [...command.linked] };
    if ('delete' in command) return [complianceTestDeleted(before, command.context)];
    const change = command.update;
    const after: ComplianceTest = {
      ...before,
      name: change.name ?? before.name,
      description: change.description ?? before.description,
      severity: change.severity ?? before.severity,
      expression: change.expression ?? before.expression,
      customFields: change.customFields ?? before.customFields,
      selectors: change.selectors ?? before.selectors,
      lastUpdated: command.at,
    };
    return [complianceTestUpdated(before, after, command.context)];
  },
};
