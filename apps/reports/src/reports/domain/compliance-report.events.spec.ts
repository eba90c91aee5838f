import { buildAsyncApiDocument, type ComplianceReportFields } from '@validity/contracts';
import { checkKafkaRecord } from '@validity/schema-testing';
import type { NewEvent } from '@validity/platform/event-store';
import { complianceReportCreated, complianceReportDeleted } from './compliance-report.events';

const DOCUMENT = buildAsyncApiDocument();
const context = { username: 'admin', requestId: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11' };

const report: ComplianceReportFields = {
  id: 31,
  created: { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120344 },
  lastUpdated: { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120370 },
  customFields: {},
  counts: {
    deviceCount: 2,
    testCount: 4,
    totalPassed: 6,
    totalCount: 8,
    lowPassed: 1,
    lowCount: 1,
    middlePassed: 5,
    middleCount: 6,
    highPassed: 0,
    highCount: 1,
  },
};

const recordOf = ({ record: { topic, message } }: NewEvent) => ({
  topic,
  key: message.key,
  value: message.value,
  headers: message.headers,
});

describe('compliance report events against the AsyncAPI document', () => {
  it.each([
    ['created (with statistics)', complianceReportCreated(report, context)],
    ['deleted (without statistics)', complianceReportDeleted(report, context)],
  ])('publish a %s envelope that fits its channel', (_, event) => {
    expect(checkKafkaRecord(DOCUMENT, recordOf(event))).toEqual([]);
  });
});
