/** Event stream of one compliance test aggregate. */
export function complianceTestStream(id: number): string {
  return `compliancetest-${id}`;
}

/** Event stream of one compliance report aggregate. */
export function complianceReportStream(id: number): string {
  return `compliancereport-${id}`;
}

/** Event stream of one compliance selector aggregate. */
export function complianceSelectorStream(id: number): string {
  return `complianceselector-${id}`;
}
