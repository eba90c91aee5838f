import { envelopeDataOf } from '../../event-sourcing/envelope-data';
import { storedEventOf } from '../../test-support/stored-event-of';
import type { ComplianceSelector } from './compliance-selector';
import { complianceSelectorDeleted, complianceSelectorUpdated } from './compliance-selector.events';
import { complianceSelectorOfData } from './compliance-selector.representation';

const context = { username: 'admin', requestId: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11' };

const selector: ComplianceSelector = {
  id: 9,
  name: 'edge \u00e9 routers',
  filterOperation: 'OR',
  nameFilter: '^edge-\\d+$',
  statusFilter: 'active',
  dynamicPairs: 'NAME',
  dpTagPrefix: 'pair_',
  customFields: { site: 'ams' },
  created: { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120_001 },
  lastUpdated: { date: new Date('2024-02-01T10:00:00.999Z'), micros: 999_999 },
};

describe('a compliance selector read back from its events', () => {
  it('is the selector the event was made from, after an update and before a delete', () => {
    const before = { ...selector, name: 'old name' };
    for (const event of [
      complianceSelectorUpdated(before, selector, context),
      complianceSelectorDeleted(selector, context),
    ]) {
      expect(complianceSelectorOfData(envelopeDataOf(storedEventOf(event)))).toEqual(selector);
    }
  });
});
