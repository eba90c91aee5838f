import type { JsonObject, PreciseTime } from '@validity/contracts';
import type { Severity } from './severity';

/** A compliance test as its read model holds it: the state after the last event of its stream. */
export interface ComplianceTest {
  id: number;
  name: string;
  description: string;
  severity: Severity;
  /** A Python expression Validity evaluates per device; stored as text, never run here. */
  expression: string;
  customFields: JsonObject;
  created: PreciseTime;
  lastUpdated: PreciseTime;
}
