import { uniqueName } from './unique-name';

/** A ComplianceTest as a client creates it (`POST /api/plugins/validity/tests/`). */
export interface ComplianceTestBody {
  name: string;
  description: string;
  expression: string;
  severity?: string;
  [field: string]: unknown;
}

/**
 * The Validity documentation's first test (NTP configured) under a unique name, with an expression that
 * always passes, so a run of it passes; a spec names only what it tests.
 */
export function aComplianceTest(overrides: Partial<ComplianceTestBody> = {}): ComplianceTestBody {
  return { name: uniqueName('test'), description: 'ntp configured', expression: 'True', ...overrides };
}
