import type { BenchStack } from './bench-stack';

/** One number a benchmark reports, as written to `bench/results/latest.json`. */
export interface Measurement {
  name: string;
  value: number;
  unit: string;
  /** The goal for `value`, or null for a figure reported without one. */
  target: number | null;
  /** Which side of `target` meets it: `lower` (the default, `value <= target`) or `higher` (rates). */
  better?: 'lower' | 'higher';
}

/** A file in `tools/bench/scenarios/` exports one of these as `scenario`; they run one after another. */
export interface BenchScenario {
  name: string;
  run(stack: BenchStack, log: (line: string) => void): Promise<Measurement[]>;
}
