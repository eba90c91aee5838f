import { complianceReportData, type ComplianceReportFields, type JsonObject } from '@validity/contracts';
import { changeLoggedFieldsOf } from '../../event-sourcing/envelope-data';

/** Validity's ComplianceReportSerializer with absolute urls (`base` = the request's scheme and host). */
export function complianceReportRepresentation(report: ComplianceReportFields, base: string): JsonObject {
  return complianceReportData(report, { absoluteBase: base });
}

/** Validity's brief report (`?brief=1`): `id, url, display`. */
export function briefComplianceReportRepresentation(
  report: ComplianceReportFields,
  base: string,
): JsonObject {
  return {
    id: report.id,
    url: `${base}/api/plugins/validity/reports/${report.id}/`,
    display: `report-${report.id}`,
  };
}

/**
 * The report an event's `data` shows, without its statistics (the read model does not store them: they
 * are counted from the results on every read).
 */
export function complianceReportOfData(data: JsonObject): ComplianceReportFields {
  return {
    id: data.id as number,
    ...changeLoggedFieldsOf(data),
  };
}
