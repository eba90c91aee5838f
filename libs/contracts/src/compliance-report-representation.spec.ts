import { readFixture } from '../fixtures/read-fixture';
import {
  complianceReportData,
  complianceReportSnapshot,
  type ComplianceReportFields,
} from './compliance-report-representation';
import { netboxTimestamp } from './netbox-datetime-formats';
import { serializeEnvelope } from './serialize-envelope';

// The report behind the reference sample (netbox-compat.md 3.3).
const REPORT: ComplianceReportFields = {
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

describe('compliance report representation', () => {
  it('builds the reference created event byte for byte', () => {
    const body = serializeEnvelope({
      event: 'created',
      timestamp: netboxTimestamp(new Date('2024-01-10T08:15:02.401Z'), 401177),
      model: 'compliancereport',
      username: 'admin',
      request_id: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11',
      data: complianceReportData(REPORT),
      snapshots: { prechange: null, postchange: complianceReportSnapshot(REPORT) },
    });
    expect(body).toBe(readFixture('netbox-3.6-report-created.json'));
  });

  it('omits the count keys when the report has no counts, as for a delete', () => {
    const withoutCounts = { ...REPORT, counts: undefined };
    const body = serializeEnvelope({
      event: 'deleted',
      timestamp: netboxTimestamp(new Date('2024-01-11T09:00:00Z')),
      model: 'compliancereport',
      username: 'rémi',
      request_id: null,
      data: complianceReportData(withoutCounts),
      snapshots: { prechange: complianceReportSnapshot(withoutCounts), postchange: null },
    });
    expect(body).toBe(readFixture('netbox-3.6-report-deleted.json'));
  });

  it("writes Validity's serializer fields in order", () => {
    expect(Object.keys(complianceReportData(REPORT))).toEqual([
      'id',
      'url',
      'display',
      'device_count',
      'test_count',
      'total_passed',
      'total_count',
      'low_passed',
      'low_count',
      'middle_passed',
      'middle_count',
      'high_passed',
      'high_count',
      'results_url',
      'custom_fields',
      'created',
      'last_updated',
    ]);
  });

  it.each(['http://127.0.0.1:8000', 'http://127.0.0.1:8000/'])(
    'makes urls absolute under %s',
    (absoluteBase) => {
      expect(complianceReportData(REPORT, { absoluteBase })).toMatchObject({
        url: 'http://127.0.0.1:8000/api/plugins/validity/reports/31/',
        results_url: 'http://127.0.0.1:8000/api/plugins/validity/test-results/?report_id=31',
      });
    },
  );

  it('snapshots custom fields as given, after the datetimes', () => {
    const report = { ...REPORT, customFields: { owner: 'noc', reviewed: true } };
    expect(complianceReportSnapshot(report)).toEqual({
      created: '2024-01-10T08:14:58.120Z',
      last_updated: '2024-01-10T08:14:58.120Z',
      custom_fields: { owner: 'noc', reviewed: true },
    });
    expect(Object.keys(complianceReportSnapshot(report))).toEqual([
      'created',
      'last_updated',
      'custom_fields',
    ]);
  });
});
