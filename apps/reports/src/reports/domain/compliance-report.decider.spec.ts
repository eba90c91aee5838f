import type { ComplianceReportFields } from '@validity/contracts';
import { foldStream, type NewEvent } from '@validity/platform/event-store';
import { NotFoundError } from '@validity/platform/netbox-api';
import { decidedOf, streamOf } from '../../test-support/stored-event-of';
import { complianceReportDecider } from './compliance-report.decider';
import { complianceReportCreated, complianceReportDeleted } from './compliance-report.events';

const run = { username: 'runner', requestId: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11' };
const cleanup = { username: 'admin', requestId: '0b7d9c11-2f6a-4c52-9d1e-3f0c4b0e6a2f' };

const report: ComplianceReportFields = {
  id: 31,
  created: { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120344 },
  lastUpdated: { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120344 },
  customFields: { zone: 'ams', id: 7 },
  counts: {
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
  },
};

const given = (events: readonly NewEvent[]) => foldStream(streamOf(events), complianceReportDecider).state;
const when = (events: readonly NewEvent[], command: Parameters<typeof complianceReportDecider.decide>[0]) =>
  complianceReportDecider.decide(command, given(events));

describe('a compliance report stream (given events, when a command, then events)', () => {
  const created = when([], { create: report, context: run });

  it("creates a new report with its run's counts, on a stream without events", () => {
    expect(created.map(decidedOf)).toEqual([decidedOf(complianceReportCreated(report, run))]);
  });

  it('rebuilds the report from its created event alone, without the counts (they are counted on reads)', () => {
    expect(given(created)).toEqual({ ...report, counts: undefined });
  });

  it('deletes a stored report as the row held it: no counts, custom fields in jsonb key order', () => {
    const deleted = when(created, { delete: cleanup });
    const stored = { ...report, customFields: { id: 7, zone: 'ams' } };
    expect(deleted.map(decidedOf)).toEqual([decidedOf(complianceReportDeleted(stored, cleanup))]);
    expect(deleted[0].record.message.value!.toString()).toContain(
      '"custom_fields": {"id": 7, "zone": "ams"}',
    );
    expect(given([...created, ...deleted])).toBeNull();
  });

  it('answers 404 to deleting a report that was never stored or is already deleted', () => {
    expect(() => when([], { delete: cleanup })).toThrow(NotFoundError);
    const deleted = when(created, { delete: cleanup });
    expect(() => when([...created, ...deleted], { delete: cleanup })).toThrow(NotFoundError);
  });

  it('refuses to create a report twice on one stream', () => {
    expect(() => when(created, { create: report, context: run })).toThrow('already stored');
  });
});
