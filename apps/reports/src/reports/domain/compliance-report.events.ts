import {
  complianceReportData,
  complianceReportSnapshot,
  type ComplianceReportFields,
} from '@validity/contracts';
import type { NewEvent } from '@validity/platform/event-store';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { envelopeEvent } from '../../event-sourcing/envelope-event';

const OBJECT_TYPE = 'validity.compliancereport';

/** The stream's event types, as the event store records them (what the projection replays). */
export const COMPLIANCE_REPORT_EVENT_TYPES = {
  created: 'ComplianceReportCreated',
  deleted: 'ComplianceReportDeleted',
} as const;

/** Validity's one event per completed run: sent after the results exist, counts computed (§4.4). */
export function complianceReportCreated(report: ComplianceReportFields, context: ChangeContext): NewEvent {
  return envelopeEvent({
    type: COMPLIANCE_REPORT_EVENT_TYPES.created,
    objectType: OBJECT_TYPE,
    objectId: report.id,
    event: 'created',
    context,
    data: complianceReportData(report),
    snapshots: { prechange: null, postchange: complianceReportSnapshot(report) },
  });
}

/** A deleted report: as NetBox serializes it without the annotated statistics, so no count keys. */
export function complianceReportDeleted(report: ComplianceReportFields, context: ChangeContext): NewEvent {
  const withoutCounts: ComplianceReportFields = { ...report, counts: undefined };
  return envelopeEvent({
    type: COMPLIANCE_REPORT_EVENT_TYPES.deleted,
    objectType: OBJECT_TYPE,
    objectId: report.id,
    event: 'deleted',
    context,
    data: complianceReportData(withoutCounts),
    snapshots: { prechange: complianceReportSnapshot(report), postchange: null },
  });
}
