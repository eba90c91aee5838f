import type { JsonObject } from './json-value';
import { restDateTime, snapshotDateTime } from './netbox-datetime-formats';
import type { PreciseTime } from './precise-time';

/** Validity's per-report statistics; computed from the report's results, not stored on the report. */
export interface ComplianceReportCounts {
  deviceCount: number;
  testCount: number;
  totalPassed: number;
  totalCount: number;
  lowPassed: number;
  lowCount: number;
  middlePassed: number;
  middleCount: number;
  highPassed: number;
  highCount: number;
}

export interface ComplianceReportFields {
  id: number;
  created: PreciseTime;
  lastUpdated: PreciseTime;
  customFields: JsonObject;
  /** Absent when the report is represented without statistics, as NetBox does for delete events. */
  counts?: ComplianceReportCounts;
}

export interface ComplianceReportDataOptions {
  /**
   * Scheme and host such as `http://127.0.0.1:8000`, for REST responses. Omitted in events: NetBox
   * serializes event data without a request, so its `url`s are relative.
   */
  absoluteBase?: string;
}

/**
 * Validity's report serializer output, in its field order. Without counts, the count keys are left out
 * entirely (DRF omits a missing read-only attribute rather than writing null).
 */
export function complianceReportData(
  report: ComplianceReportFields,
  options: ComplianceReportDataOptions = {},
): JsonObject {
  const base = (options.absoluteBase ?? '').replace(/\/+$/, '');
  const { counts } = report;
  return {
    id: report.id,
    url: `${base}/api/plugins/validity/reports/${report.id}/`,
    display: `report-${report.id}`,
    ...(counts && {
      device_count: counts.deviceCount,
      test_count: counts.testCount,
      total_passed: counts.totalPassed,
      total_count: counts.totalCount,
      low_passed: counts.lowPassed,
      low_count: counts.lowCount,
      middle_passed: counts.middlePassed,
      middle_count: counts.middleCount,
      high_passed: counts.highPassed,
      high_count: counts.highCount,
    }),
    results_url: `${base}/api/plugins/validity/test-results/?report_id=${report.id}`,
    custom_fields: report.customFields,
    created: restDateTime(report.created.date, report.created.micros),
    last_updated: restDateTime(report.lastUpdated.date, report.lastUpdated.micros),
  };
}

/** The report as NetBox snapshots it (Django's model serializer): millisecond `Z` datetimes. */
export function complianceReportSnapshot(report: ComplianceReportFields): JsonObject {
  return {
    created: snapshotDateTime(report.created.date, report.created.micros),
    last_updated: snapshotDateTime(report.lastUpdated.date, report.lastUpdated.micros),
    custom_fields: report.customFields,
  };
}
