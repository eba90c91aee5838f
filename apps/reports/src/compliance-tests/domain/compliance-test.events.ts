import type { NewEvent } from '@validity/platform/event-store';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { envelopeEvent } from '../../event-sourcing/envelope-event';
import type { ComplianceTest } from './compliance-test';
import { complianceTestData, complianceTestSnapshot } from './compliance-test.representation';

const OBJECT_TYPE = 'validity.compliancetest';

/** The stream's event types, as the event store records them (what the projection replays). */
export const COMPLIANCE_TEST_EVENT_TYPES = {
  created: 'ComplianceTestCreated',
  updated: 'ComplianceTestUpdated',
  deleted: 'ComplianceTestDeleted',
} as const;

export function complianceTestCreated(test: ComplianceTest, context: ChangeContext): NewEvent {
  return envelopeEvent({
    type: COMPLIANCE_TEST_EVENT_TYPES.created,
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
    type: COMPLIANCE_TEST_EVENT_TYPES.updated,
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
    type: COMPLIANCE_TEST_EVENT_TYPES.deleted,
    objectType: OBJECT_TYPE,
    objectId: test.id,
    event: 'deleted',
    context,
    data: complianceTestData(test, ''),
    snapshots: { prechange: complianceTestSnapshot(test), postchange: null },
  });
}
