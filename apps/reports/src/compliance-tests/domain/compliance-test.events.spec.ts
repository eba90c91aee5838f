import { buildAsyncApiDocument } from '@validity/contracts';
import { checkKafkaRecord } from '@validity/schema-testing';
import type { NewEvent } from '@validity/platform/event-store';
import type { ComplianceTest } from './compliance-test';
import {
  complianceTestCreated,
  complianceTestDeleted,
  complianceTestUpdated,
} from './compliance-test.events';
import { SEVERITIES } from './severity';

const DOCUMENT = buildAsyncApiDocument();
const context = { username: 'admin', requestId: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11' };

const test: ComplianceTest = {
  id: 4,
  name: 'ntp configured',
  description: '',
  severity: 'LOW',
  expression: "'ntp server' in device.config",
  selectors: [{ id: 2, name: 'all routers' }],
  customFields: {},
  created: { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120344 },
  lastUpdated: { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120344 },
};
const edited: ComplianceTest = {
  ...test,
  description: 'Ü',
  severity: 'HIGH',
  customFields: { owner: 'noc' },
  lastUpdated: { date: new Date('2024-01-11T00:00:00.000Z'), micros: 0 },
};

const recordOf = ({ record: { topic, message } }: NewEvent) => ({
  topic,
  key: message.key,
  value: message.value,
  headers: message.headers,
});

describe('compliance test events against the AsyncAPI document', () => {
  it.each([
    ['created', complianceTestCreated(test, context)],
    ['updated', complianceTestUpdated(test, edited, context)],
    ['deleted', complianceTestDeleted(edited, context)],
  ])('publish a %s envelope that fits its channel', (_, event) => {
    expect(checkKafkaRecord(DOCUMENT, recordOf(event))).toEqual([]);
  });

  it('document exactly the severities the service accepts', () => {
    const data = DOCUMENT.components.schemas.ComplianceTestData;
    expect(data.properties?.severity.enum).toEqual([...SEVERITIES]);
  });
});
