import { uniqueName } from './unique-name';

/** One result of a run, as a compliance runner sends it. */
export interface ComplianceResultBody {
  test: unknown;
  device: unknown;
  passed: unknown;
  explanation?: unknown;
  [field: string]: unknown;
}

/** A compliance run as a runner posts it (`POST /api/plugins/validity/reports/`). */
export interface ComplianceRunBody {
  results: ComplianceResultBody[];
  [field: string]: unknown;
}

/**
 * A run of one test over devices `<devicePrefix>-r1`, `-r2`, ...: `results` is how many results (each one
 * passing, with an empty explanation), or one override per result for the results a spec is about.
 */
export function aComplianceRun(
  testId: number,
  results: number | Partial<ComplianceResultBody>[],
  devicePrefix = uniqueName('device'),
): ComplianceRunBody {
  const overrides = typeof results === 'number' ? Array.from({ length: results }, () => ({})) : results;
  return {
    results: overrides.map((override, index) => ({
      test: testId,
      device: { name: `${devicePrefix}-r${index + 1}` },
      passed: true,
      explanation: [],
      ...override,
    })),
  };
}
