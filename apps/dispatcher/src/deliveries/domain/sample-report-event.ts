import { v7 as uuidv7 } from 'uuid';
import {
  complianceReportData,
  complianceReportSnapshot,
  netboxTimestamp,
  serializeEnvelope,
  type ComplianceReportFields,
  type PreciseTime,
} from '@validity/contracts';
import type { StoredEvent } from '../delivery';

/**
 * The id of the sample report: 0, which no stored report has (ids start at 1), so a receiver that looks
 * it up finds nothing instead of a real report, and the log can be filtered for test events
 * (`object_type=validity.compliancereport&object_id=0`).
 */
export const SAMPLE_REPORT_ID = 0;

/**
 * The synthetic event "send a test event" delivers: a `validity.compliancereport` `created` envelope,
 * byte for byte what the reports service publishes for a one-device, one-test run that passed, with the
 * caller's username and request id (as a real change would carry) and a fresh event id.
 */
export function sampleReportCreatedEvent(input: {
  username: string;
  requestId: string;
  now: PreciseTime;
}): StoredEvent {
  const report: ComplianceReportFields = {
    id: SAMPLE_REPORT_ID,
    created: input.now,
    lastUpdated: input.now,
    customFields: {},
    counts: {
      deviceCount: 1,
      testCount: 1,
      totalPassed: 1,
      totalCount: 1,
      lowPassed: 0,
      lowCount: 0,
      middlePassed: 1,
      middleCount: 1,
      highPassed: 0,
      highCount: 0,
    },
  };
  const timestamp = netboxTimestamp(input.now.date, input.now.micros);
  const body = serializeEnvelope({
    event: 'created',
    timestamp,
    model: 'compliancereport',
    username: input.username,
    request_id: input.requestId,
    data: complianceReportData(report),
    snapshots: { prechange: null, postchange: complianceReportSnapshot(report) },
  });
  return {
    eventId: uuidv7(),
    event: 'created',
    objectType: 'validity.compliancereport',
    objectId: String(SAMPLE_REPORT_ID),
    requestId: input.requestId,
    timestamp,
    body: Buffer.from(body, 'utf8'),
  };
}
