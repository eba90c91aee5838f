/** Event stream of one compliance test aggregate. */
export function complianceTestStream(id: number): string {
  return `compliancetest-${id}`;
}

/** What every compliance report's stream id starts with, followed by the report's id. */
export const COMPLIANCE_REPORT_STREAM_PREFIX = 'compliancereport-';

/** Event stream of one compliance report aggregate. */
export function complianceReportStream(id: number): string {
  return `${COMPLIANCE_REPORT_STREAM_PREFIX}${id}`;
}

/** Event stream of one compliance selector aggregate. */
export function complianceSelectorStream(id: number): string {
  return `complianceselector-${id}`;
}
