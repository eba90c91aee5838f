/** One line of `bench/results/latest.json` (ARCHITECTURE's format). */
export interface ScenarioResult {
  name: string;
  value: number;
  unit: string;
  target: number | null;
  /** `lower` (default): met when `value <= target`; `higher`: met when `value >= target`. */
  better?: 'lower' | 'higher';
  /** Whether `value` is on the `better` side of `target`; null when there is no target. */
  met: boolean | null;
}

/** Whether a value meets its target, on the side the measurement says is better. */
export function targetMet(result: Pick<ScenarioResult, 'value' | 'target' | 'better'>): boolean | null {
  if (result.target === null) return null;
  return result.better === 'higher' ? result.value >= result.target : result.value <= result.target;
}

/** The target as the JSON and the table show it: `<= 5`, `>= 5000`, or null without one. */
export function targetText(result: Pick<ScenarioResult, 'target' | 'better'>): string | null {
  if (result.target === null) return null;
  return `${result.better === 'higher' ? '>=' : '<='} ${formatNumber(result.target)}`;
}

/** The results as a plain-text table for the terminal. */
export function resultsTable(results: readonly ScenarioResult[]): string {
  const rows = [
    ['scenario', 'value', 'unit', 'target', 'met'],
    ...results.map((result) => [
      result.name,
      formatNumber(result.value),
      result.unit,
      targetText(result) ?? '-',
      result.met === null ? '-' : result.met ? 'yes' : 'NO',
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
        .join('  '),
    )
    .join('\n');
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
}
