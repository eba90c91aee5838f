import type { NewEvent } from '@validity/platform/event-store';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { envelopeEvent } from '../../event-sourcing/envelope-event';
import type { ComplianceSelector } from './compliance-selector';
import { complianceSelectorData, complianceSelectorSnapshot } from './compliance-selector.representation';

const OBJECT_TYPE = 'validity.complianceselector';

export function complianceSelectorCreated(selector: ComplianceSelector, context: ChangeContext): NewEvent {
  return envelopeEvent({
    type: 'ComplianceSelectorCreated',
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
    type: 'ComplianceSelectorUpdated',
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
    type: 'ComplianceSelectorDeleted',
    objectType: OBJECT_TYPE,
    objectId: selector.id,
    event: 'deleted',
    context,
    data: complianceSelectorData(selector, ''),
    snapshots: { prechange: complianceSelectorSnapshot(selector), postchange: null },
  });
}
