import { percentile } from './percentile';

export interface LatencySummary {
  p50: number;
  p99: number;
  samples: number;
}

/**
 * p50 and p99 of end-to-end latencies. A negative latency means the two ends were stamped on clocks that
 * disagree (an event cannot arrive before it was sent): that run's numbers are wrong, so it throws
 * instead of reporting them.
 */
export function summariseLatencies(samples: readonly number[]): LatencySummary {
  const negative = samples.filter((sample) => sample < 0);
  if (negative.length > 0) {
    throw new RangeError(
      `${negative.length} of ${samples.length} latencies are negative (as low as ${Math.min(...negative).toFixed(3)} ms): the send and receive times come from clocks that disagree`,
    );
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length };
}
