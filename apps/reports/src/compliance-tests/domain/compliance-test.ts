import type { JsonObject, PreciseTime } from '@validity/contracts';
import type { Severity } from './severity';

/** A selector as a test refers to it (Validity's nested selector shows its name). */
export interface SelectorReference {
  id: number;
  name: string;
}

/** A compliance test as its read model holds it: the state after the last event of its stream. */
export interface ComplianceTest {
  id: number;
  name: string;
  description: string;
  severity: Severity;
  /**
   * A Python expression Validity evaluates per device; stored as text, never run here. Write-only in
   * the API (Validity shows `effective_expression`, which is this text: there are no data files here).
   */
  expression: string;
  /** The test's selectors, ordered by name (ComplianceSelector's model ordering). */
  selectors: SelectorReference[];
  customFields: JsonObject;
  created: PreciseTime;
  lastUpdated: PreciseTime;
}
