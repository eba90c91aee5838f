import type { ComplianceReportCounts } from '@validity/contracts';

/** What the counts need of one stored result. */
export interface CountedResult {
  testId: number;
  deviceId: number;
  passed: boolean;
}

/** The statistics of a report without results. */
export const NO_RESULTS: Readonly<ComplianceReportCounts> = {
  deviceCount: 0,
  testCount: 0,
  totalPassed: 0,
  totalCount: 0,
  lowPassed: 0,
  lowCount: 0,
  middlePassed: 0,
  middleCount: 0,
  highPassed: 0,
  highCount: 0,
};

/**
 * Validity's statistics of a new report, tallied from the results as they are stored: the same numbers
 * `reportCounts` computes from the table (distinct devices and tests, totals per severity), without
 * reading back the rows just written.
 */
export class RunCounts {
  private readonly devices = new Set<number>();
  private readonly tests = new Set<number>();
  private readonly counts: ComplianceReportCounts = { ...NO_RESULTS };

  /** Counts a result whose test has `severity` (as stored). */
  add(result: CountedResult, severity: string): void {
    this.devices.add(result.deviceId);
    this.tests.add(result.testId);
    const counts = this.counts;
    counts.totalCount += 1;
    if (result.passed) counts.totalPassed += 1;
    if (severity === 'LOW') {
      counts.lowCount += 1;
      if (result.passed) counts.lowPassed += 1;
    } else if (severity === 'MIDDLE') {
      counts.middleCount += 1;
      if (result.passed) counts.middlePassed += 1;
    } else if (severity === 'HIGH') {
      counts.highCount += 1;
      if (result.passed) counts.highPassed += 1;
    }
  }

  get total(): ComplianceReportCounts {
    return { ...this.counts, deviceCount: this.devices.size, testCount: this.tests.size };
  }
}
