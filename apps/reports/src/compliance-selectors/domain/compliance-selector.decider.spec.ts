import { foldStream, type NewEvent } from '@validity/platform/event-store';
import { NetBoxValidationError, NotFoundError } from '@validity/platform/netbox-api';
import { decidedOf, streamOf } from '../../test-support/stored-event-of';
import type { ComplianceSelector } from './compliance-selector';
import { complianceSelectorDecider, type ComplianceSelectorCommand } from './compliance-selector.decider';
import {
  complianceSelectorCreated,
  complianceSelectorDeleted,
  complianceSelectorUpdated,
} from './compliance-selector.events';

const context = { username: 'admin', requestId: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11' };
const later = { date: new Date('2024-02-01T10:00:00.999Z'), micros: 999_999 };

const selector: ComplianceSelector = {
  id: 9,
  name: 'edge \u00e9 routers',
  filterOperation: 'OR',
  nameFilter: '^edge-(\\d+)$',
  statusFilter: 'active',
  dynamicPairs: 'NAME',
  dpTagPrefix: '',
  customFields: { site: 'ams', id: 3 },
  created: { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120_001 },
  lastUpdated: { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120_001 },
};
const stored: ComplianceSelector = { ...selector, customFields: { id: 3, site: 'ams' } };

const given = (events: readonly NewEvent[]) => foldStream(streamOf(events), complianceSelectorDecider).state;
const when = (events: readonly NewEvent[], command: ComplianceSelectorCommand) =>
  complianceSelectorDecider.decide(command, given(events));

describe('a compliance selector stream (given events, when a command, then events)', () => {
  const created = when([], { create: selector, context });

  it('creates the selector as given', () => {
    expect(created.map(decidedOf)).toEqual([decidedOf(complianceSelectorCreated(selector, context))]);
    expect(given(created)).toEqual(selector);
  });

  it('updates the given fields of the stored selector and keeps the others', () => {
    const updated = when(created, { update: { name: 'edge', statusFilter: '' }, at: later, context });
    const after = { ...stored, name: 'edge', statusFilter: '', lastUpdated: later };
    expect(updated.map(decidedOf)).toEqual([decidedOf(complianceSelectorUpdated(stored, after, context))]);
    expect(given([...created, ...updated])).toEqual(after);
  });

  it("refuses a save that breaks Validity's rules with their 400, on create and on update", () => {
    expect(() => when([], { create: { ...selector, nameFilter: '^edge$' }, context })).toThrow(
      NetBoxValidationError,
    );
    expect(() => when(created, { update: { dynamicPairs: 'TAG' }, at: later, context })).toThrow(
      NetBoxValidationError,
    );
  });

  it('deletes the stored selector, and nothing is left', () => {
    const deleted = when(created, { delete: context });
    expect(deleted.map(decidedOf)).toEqual([decidedOf(complianceSelectorDeleted(stored, context))]);
    expect(given([...created, ...deleted])).toBeNull();
  });

  it('answers 404 to a change of a selector that does not exist or was deleted', () => {
    expect(() => when([], { update: {}, at: later, context })).toThrow(NotFoundError);
    const deleted = [...created, ...when(created, { delete: context })];
    expect(() => when(deleted, { delete: context })).toThrow(NotFoundError);
  });
});
