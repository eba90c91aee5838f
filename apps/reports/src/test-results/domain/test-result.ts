import type { JsonValue, PreciseTime } from '@validity/contracts';
import type { Severity } from '../../compliance-tests/domain/severity';

export interface NamedDevice {
  id: number;
  name: string;
}

/** A stored result with what its representation shows of its test, devices and report. */
export interface TestResultView {
  id: number;
  reportId: number;
  test: { id: number; name: string; severity: Severity };
  device: NamedDevice;
  dynamicPair: NamedDevice | null;
  passed: boolean;
  explanation: JsonValue;
  /** The report's: a run's results are written in the transaction that creates the report. */
  created: PreciseTime;
  lastUpdated: PreciseTime;
}
