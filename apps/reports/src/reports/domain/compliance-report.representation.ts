import { complianceReportData, type ComplianceReportFields, type JsonObject } from '@validity/contracts';

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
