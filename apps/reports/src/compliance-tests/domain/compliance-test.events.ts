import type { NewEvent } from '@validity/platform/event-store';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { envelopeEvent } from '../../event-sourcing/envelope-event';
import type { ComplianceTest } from './compliance-test';
import { complianceTestData, complianceTestSnapshot } from './compliance-test.representation';

const OBJECT_TYPE = 'validity.compliancetest';

export function complianceTestCreated(test: ComplianceTest, context: ChangeContext): NewEvent {
  return envelopeEvent({
    type: 'ComplianceTestCreated',
    objectType: OBJECT_TYPE,
    objectId: test.id,
    event: 'created',
    context,
    data: complianceTestData(test, ''),
    snapshots: { prechange: null, postchange: complianceTestSnapshot(test) },
  });
}

export function complianceTestUpdated(
  before: ComplianceTest,
  after: ComplianceTest,
  context: ChangeContext,
): NewEvent {
  return envelopeEvent({
    type: 'ComplianceTestUpdated',
    objectType: OBJECT_TYPE,
    objectId: after.id,
    event: 'updated',
    context,
    data: complianceTestData(after, ''),
    snapshots: { prechange: complianceTestSnapshot(before), postchange: complianceTestSnapshot(after) },
  });
}

/** NetBox serializes a deleted object as it was just before the delete. */
export function complianceTestDeleted(test: ComplianceTest, context: ChangeContext): NewEvent {
  return envelopeEvent({
    type: 'ComplianceTestDeleted',
    objectType: OBJECT_TYPE,
    objectId: test.id,
    event: 'deleted',
    context,
    data: complianceTestData(test, ''),
    snapshots: { prechange: complianceTestSnapshot(test), postchange: null },
  });
}
