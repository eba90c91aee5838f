import type { ComplianceReportFields } from '@validity/contracts';
import { envelopeDataOf } from '../../event-sourcing/envelope-data';
import { storedEventOf } from '../../test-support/stored-event-of';
import { complianceReportCreated, complianceReportDeleted } from './compliance-report.events';
import { complianceReportOfData } from './compliance-report.representation';

const context = { username: 'runner', requestId: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11' };

const report: ComplianceReportFields = {
  id: 12,
  customFields: { run: 'nightly \u00e9', attempt: 2 },
  created: { date: new Date('2024-03-01T02:00:00.017Z'), micros: 17_404 },
  lastUpdated: { date: new Date('2024-03-01T02:00:00.017Z'), micros: 17_404 },
};

describe('a compliance report read back from its events', () => {
  it('is the report the event was made from, without the statistics the read model does not store', () => {
    const counts = {
      deviceCount: 2,
      testCount: 1,
      totalPassed: 1,
      totalCount: 2,
      lowPassed: 1,
      lowCount: 2,
      middlePassed: 0,
      middleCount: 0,
      highPassed: 0,
      highCount: 0,
    };
    for (const event of [
      complianceReportCreated({ ...report, counts }, context),
      complianceReportDeleted({ ...report, counts }, context),
    ]) {
      expect(complianceReportOfData(envelopeDataOf(storedEventOf(event)))).toEqual(report);
    }
  });
});
