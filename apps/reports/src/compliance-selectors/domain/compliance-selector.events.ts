import type { NewEvent } from '@validity/platform/event-store';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { envelopeEvent } from '../../event-sourcing/envelope-event';
import type { ComplianceSelector } from './compliance-selector';
import { complianceSelectorData, complianceSelectorSnapshot } from './compliance-selector.representation';

const OBJECT_TYPE = 'validity.complianceselector';

/** The stream's event types, as the event store records them (what the projection replays). */
export const COMPLIANCE_SELECTOR_EVENT_TYPES = {
  created: 'ComplianceSelectorCreated',
  updated: 'ComplianceSelectorUpdated',
  deleted: 'ComplianceSelectorDeleted',
} as const;

export function complianceSelectorCreated(selector: ComplianceSelector, context: ChangeContext): NewEvent {
  return envelopeEvent({
    type: COMPLIANCE_SELECTOR_EVENT_TYPES.created,
    objectType: OBJECT_TYPE,
    objectId: selector.id,
    event: 'created',
    context,
    data: complianceSelectorData(selector, ''),
    snapshots: { prechange: null, postchange: complianceSelectorSnapshot(selector) },
  });
}

export function complianceSelectorUpdated(
  before: ComplianceSelector,
  after: ComplianceSelector,
  context: ChangeContext,
): NewEvent {
  return envelopeEvent({
    type: COMPLIANCE_SELECTOR_EVENT_TYPES.updated,
    objectType: OBJECT_TYPE,
    objectId: after.id,
    event: 'updated',
    context,
    data: complianceSelectorData(after, ''),
    snapshots: {
      prechange: complianceSelectorSnapshot(before),
      postchange: complianceSelectorSnapshot(after),
    },
  });
}

/** NetBox serializes a deleted object as it was just before the delete. */
export function complianceSelectorDeleted(selector: ComplianceSelector, context: ChangeContext): NewEvent {
  return envelopeEvent({
    type: COMPLIANCE_SELECTOR_EVENT_TYPES.deleted,
    objectType: OBJECT_TYPE,
    objectId: selector.id,
    event: 'deleted',
    context,
    data: complianceSelectorData(selector, ''),
    snapshots: { prechange: complianceSelectorSnapshot(selector), postchange: null },
  });
}
