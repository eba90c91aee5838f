import { envelopeDataOf } from '../../event-sourcing/envelope-data';
import { storedEventOf } from '../../test-support/stored-event-of';
import type { ComplianceTest } from './compliance-test';
import { complianceTestCreated, complianceTestDeleted } from './compliance-test.events';
import { complianceTestOfData } from './compliance-test.representation';

const context = { username: 'admin', requestId: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11' };

const test: ComplianceTest = {
  id: 4,
  name: 'ntp \u00fc "configured" \ud83d\ude00',
  description: 'line\nbreak',
  severity: 'MIDDLE',
  expression: "'ntp server' in device.config",
  selectors: [
    { id: 7, name: 'all routers' },
    { id: 2, name: 'edge' },
  ],
  customFields: { owner: 'noc', weight: 1.5, nested: { list: [1, null, true] } },
  created: { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120344 },
  lastUpdated: { date: new Date('2024-01-11T00:00:00.000Z'), micros: 0 },
};

describe('a compliance test read back from its events', () => {
  it('is the test the event was made from, after a create and before a delete', () => {
    for (const event of [complianceTestCreated(test, context), complianceTestDeleted(test, context)]) {
      expect(complianceTestOfData(envelopeDataOf(storedEventOf(event)))).toEqual(test);
    }
  });

  it('refuses an event without envelope data', () => {
    const tombstone = { ...storedEventOf(complianceTestCreated(test, context)), payload: null };
    expect(() => envelopeDataOf(tombstone)).toThrow('event 1 (ComplianceTestCreated) holds no envelope data');
  });
});
