import { foldStream, type NewEvent } from '@validity/platform/event-store';
import { NotFoundError } from '@validity/platform/netbox-api';
import { decidedOf, streamOf } from '../../test-support/stored-event-of';
import type { ComplianceTest } from './compliance-test';
import { complianceTestDecider, type ComplianceTestCommand } from './compliance-test.decider';
import {
  complianceTestCreated,
  complianceTestDeleted,
  complianceTestUpdated,
} from './compliance-test.events';

const context = { username: 'admin', requestId: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11' };
const later = { date: new Date('2024-01-11T00:00:00.000Z'), micros: 5 };

const test: ComplianceTest = {
  id: 4,
  name: 'ntp configured',
  description: '',
  severity: 'LOW',
  expression: "'ntp server' in device.config",
  selectors: [
    { id: 2, name: 'all routers' },
    { id: 5, name: 'edge' },
  ],
  customFields: { owner: 'noc', ab: 1 },
  created: { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120344 },
  lastUpdated: { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120344 },
};
/** The test as its row holds it: custom fields in jsonb key order. */
const stored: ComplianceTest = { ...test, customFields: { ab: 1, owner: 'noc' } };

const given = (events: readonly NewEvent[]) => foldStream(streamOf(events), complianceTestDecider).state;
const when = (events: readonly NewEvent[], command: ComplianceTestCommand) =>
  complianceTestDecider.decide(command, given(events));

describe('a compliance test stream (given events, when a command, then events)', () => {
  const created = when([], { create: test, context });

  it('creates the test as given', () => {
    expect(created.map(decidedOf)).toEqual([decidedOf(complianceTestCreated(test, context))]);
    expect(given(created)).toEqual(test);
  });

  it('updates the given fields of the stored test, with its selectors as they stand now', () => {
    // Selector 5 was deleted and selector 2 renamed since: no event of the test says so.
    const linked = [{ id: 2, name: 'routers' }];
    const updated = when(created, {
      update: { description: 'Ü', severity: 'HIGH' },
      at: later,
      linked,
      context,
    });
    const before = { ...stored, selectors: linked };
    const after = { ...before, description: 'Ü', severity: 'HIGH' as const, lastUpdated: later };
    expect(updated.map(decidedOf)).toEqual([decidedOf(complianceTestUpdated(before, after, context))]);
    expect(given([...created, ...updated])).toEqual(after);
  });

  it('sends an update for every save, changed or not, and replaces the selectors a body names', () => {
    const [unchanged] = when(created, { update: {}, at: later, linked: test.selectors, context });
    expect(decidedOf(unchanged)).toEqual(
      decidedOf(complianceTestUpdated(stored, { ...stored, lastUpdated: later }, context)),
    );
    const selectors = [{ id: 9, name: 'core' }];
    const [relinked] = when(created, { update: { selectors }, at: later, linked: test.selectors, context });
    expect(given([...created, relinked])?.selectors).toEqual(selectors);
  });

  it('deletes the stored test with its selectors as they stand now, and nothing is left', () => {
    const deleted = when(created, { delete: true, linked: [], context });
    expect(deleted.map(decidedOf)).toEqual([
      decidedOf(complianceTestDeleted({ ...stored, selectors: [] }, context)),
    ]);
    expect(given([...created, ...deleted])).toBeNull();
  });

  it('answers 404 to a change of a test that does not exist or was deleted', () => {
    const update = { update: {}, at: later, linked: [], context };
    expect(() => when([], update)).toThrow(NotFoundError);
    const deleted = [...created, ...when(created, { delete: true, linked: [], context })];
    expect(() => when(deleted, update)).toThrow(NotFoundError);
    expect(() => when(deleted, { delete: true, linked: [], context })).toThrow(NotFoundError);
  });

  it('refuses to create a test twice on one stream', () => {
    expect(() => when(created, { create: test, context })).toThrow('already exists');
  });
});
