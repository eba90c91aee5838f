import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NewEvent } from '@validity/platform/event-store';
import type { ComplianceSelector } from '../../compliance-selectors/domain/compliance-selector';
import { complianceSelectorCreated } from '../../compliance-selectors/domain/compliance-selector.events';
import type { ComplianceTest } from './compliance-test';
import {
  complianceTestCreated,
  complianceTestDeleted,
  complianceTestUpdated,
} from './compliance-test.events';

/**
 * Golden tests: the envelope bytes of compliance test and selector events against fixtures that
 * libs/contracts/fixtures/generate.py derives from Validity 2.3's serializers and NetBox 3.6's
 * `serialize_object` (not from this code's output). Only the envelope `timestamp`, taken when the event
 * is built, is normalised.
 */
const FIXTURES = join(__dirname, '../../../../../libs/contracts/fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'ascii');
const context = { username: 'admin', requestId: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11' };
const created = { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120344 };
const updated = { date: new Date('2024-01-11T09:30:00.000Z'), micros: 0 };

const test: ComplianceTest = {
  id: 4,
  name: 'ntp configured',
  description: 'NTP servers set à la NOC',
  severity: 'HIGH',
  expression: "'ntp server' in device.config",
  selectors: [
    { id: 2, name: 'all routers' },
    { id: 5, name: 'core' },
  ],
  customFields: { owner: 'noc' },
  created,
  lastUpdated: created,
};
const edited: ComplianceTest = { ...test, severity: 'LOW', lastUpdated: updated };

const selector: ComplianceSelector = {
  id: 2,
  name: 'all routers',
  filterOperation: 'OR',
  nameFilter: '(?P<site>\\w+)-rt\\d+',
  statusFilter: 'active',
  dynamicPairs: 'NAME',
  dpTagPrefix: '',
  customFields: {},
  created,
  lastUpdated: created,
};

/** The record value with its `timestamp` replaced by the fixture's. */
function normalisedBody(event: NewEvent, golden: string): string {
  const timestamp = /"timestamp": "[^"]*"/;
  const value = event.record.message.value!.toString('ascii');
  return value.replace(timestamp, golden.match(timestamp)![0]);
}

describe('compliance test and selector events, byte for byte against Validity 2.3 on NetBox 3.6', () => {
  it.each([
    ['validity-2.3-test-created.json', () => complianceTestCreated(test, context)],
    ['validity-2.3-test-updated.json', () => complianceTestUpdated(test, edited, context)],
    ['validity-2.3-test-deleted.json', () => complianceTestDeleted(edited, context)],
    ['validity-2.3-selector-created.json', () => complianceSelectorCreated(selector, context)],
  ])('%s', (name, build) => {
    const golden = fixture(name);
    expect(normalisedBody(build(), golden)).toBe(golden);
  });

  it('never shows the write-only expression in data, only effective_expression', () => {
    const data = JSON.parse(complianceTestCreated(test, context).record.message.value!.toString()).data;
    expect(data).not.toHaveProperty('expression');
    expect(data.effective_expression).toBe(test.expression);
  });
});
