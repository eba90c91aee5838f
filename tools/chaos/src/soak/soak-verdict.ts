/** One sample of the soak, taken every 10 s. */
export interface SoakSample {
  /** Seconds since the stream started. */
  t_s: number;
  rss_mib: Record<string, number>;
  event_loop_p99_ms: Record<string, number>;
  postgres_table_mib: number;
  postgres_index_mib: number;
  consumer_lag: number;
  /** p99 of the first deliveries that arrived in the last 10 s, from the event's timestamp. */
  delivery_p99_ms: number | null;
  events_confirmed: number;
}

/** The pass thresholds, stated in the results so the page shows what was held to what. */
export const SOAK_THRESHOLDS = {
  /** RSS may grow at most this fast after warm-up (least-squares slope), per service. */
  rssSlopeMibPerHour: 64,
  /** Consumer lag may grow at most this fast after warm-up: a backlog that keeps growing never ends. */
  lagSlopePerMinute: 60,
  /** p99 after warm-up at most this many times the warm-up's. */
  p99Factor: 2,
  /** PostgreSQL bytes per confirmed event in the last third at most this many times the middle third's. */
  diskPerEventFactor: 1.5,
};

export interface SoakVerdict {
  /** The warm-up's p99 leaves out deliveries before this: start-up (connections, JIT, first plans) is not the baseline. */
  startup_s?: number;
  warmup_s: number;
  rss_slope_mib_per_hour: Record<string, number>;
  lag_slope_per_minute: number;
  p99_warmup_ms: number | null;
  p99_after_ms: number | null;
  disk_bytes_per_event: { middle: number | null; last: number | null };
  lost: number;
  failures: string[];
  passed: boolean;
}

/** The warm-up: the first 5 minutes, or the first third of a run shorter than 15 minutes. */
export function warmupSeconds(durationS: number): number {
  return Math.min(300, durationS / 3);
}

/** Start-up inside the warm-up: the first minute, or a fifth of a shorter warm-up. */
export function startupSeconds(warmupS: number): number {
  return Math.min(60, warmupS / 5);
}

/** Least-squares slope of y over x (units of y per unit of x); 0 with fewer than two points. */
export function slope(points: ReadonlyArray<readonly [number, number]>): number {
  if (points.length < 2) return 0;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

function percentile99(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)];
}

function bytesPerEvent(samples: readonly SoakSample[]): number | null {
  if (samples.length < 2) return null;
  const first = samples[0];
  const last = samples[samples.length - 1];
  const events = last.events_confirmed - first.events_confirmed;
  if (events <= 0) return null;
  const mib = (s: SoakSample) => s.postgres_table_mib + s.postgres_index_mib;
  return ((mib(last) - mib(first)) * 1024 * 1024) / events;
}

/**
 * Judges a soak: flat RSS and consumer lag after warm-up, p99 within 2x of the warm-up's, 0 lost, and
 * PostgreSQL growing per event no faster at the end than in the middle (growth bounded by retention:
 * nothing that should be pruned or reused piles up). `latenciesMs` are every first delivery's latency
 * with its arrival time (seconds since the start).
 */
export function judgeSoak(
  samples: readonly SoakSample[],
  latencies: ReadonlyArray<readonly [number, number]>,
  durationS: number,
  lost: number,
): SoakVerdict {
  const warmup = warmupSeconds(durationS);
  const startup = startupSeconds(warmup);
  const after = samples.filter((sample) => sample.t_s >= warmup);
  const services = Object.keys(samples[0]?.rss_mib ?? {});
  const rssSlope: Record<string, number> = {};
  for (const service of services) {
    const perSecond = slope(after.map((sample) => [sample.t_s, sample.rss_mib[service] ?? 0] as const));
    rssSlope[service] = round(perSecond * 3_600);
  }
  const lagSlope = round(slope(after.map((sample) => [sample.t_s, sample.consumer_lag] as const)) * 60);
  const p99Warmup = percentile99(latencies.filter(([t]) => t >= startup && t < warmup).map(([, ms]) => ms));
  const p99After = percentile99(latencies.filter(([t]) => t >= warmup).map(([, ms]) => ms));
  const third = durationS / 3;
  const middle = bytesPerEvent(samples.filter((s) => s.t_s >= third && s.t_s < 2 * third));
  const last = bytesPerEvent(samples.filter((s) => s.t_s >= 2 * third));

  const failures: string[] = [];
  for (const [service, value] of Object.entries(rssSlope)) {
    if (value > SOAK_THRESHOLDS.rssSlopeMibPerHour) {
      failures.push(`${service} RSS grows ${value} MiB/h (limit ${SOAK_THRESHOLDS.rssSlopeMibPerHour})`);
    }
  }
  if (lagSlope > SOAK_THRESHOLDS.lagSlopePerMinute) {
    failures.push(`consumer lag grows ${lagSlope}/min (limit ${SOAK_THRESHOLDS.lagSlopePerMinute})`);
  }
  if (p99Warmup !== null && p99After !== null && p99After > SOAK_THRESHOLDS.p99Factor * p99Warmup) {
    failures.push(
      `p99 ${p99After} ms after warm-up is over ${SOAK_THRESHOLDS.p99Factor}x the warm-up's ${p99Warmup} ms`,
    );
  }
  if (middle !== null && last !== null && middle > 0 && last > SOAK_THRESHOLDS.diskPerEventFactor * middle) {
    failures.push(
      `PostgreSQL grows ${Math.round(last)} B/event at the end, ${Math.round(middle)} B/event before`,
    );
  }
  if (lost > 0) failures.push(`${lost} deliveries lost`);
  return {
    startup_s: startup,
    warmup_s: warmup,
    rss_slope_mib_per_hour: rssSlope,
    lag_slope_per_minute: lagSlope,
    p99_warmup_ms: p99Warmup,
    p99_after_ms: p99After,
    disk_bytes_per_event: {
      middle: middle === null ? null : Math.round(middle),
      last: last === null ? null : Math.round(last),
    },
    lost,
    failures,
    passed: failures.length === 0,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** `reliability/results/soak.json` without its samples: what docs/reliability.md shows. */
export interface SoakSummary {
  generated_at: string;
  minutes: number;
  target_events_per_second: number;
  target_source: string;
  /** DELIVERY_CONCURRENCY_PER_WEBHOOK the soak ran with (room for the slow receiver at the target rate). */
  concurrency_per_webhook: number;
  achieved_events_per_second: number;
  /** Runs posted unpaced before the soak to find the rate (absent when the rate was given). */
  calibration_runs?: number;
  webhooks: number;
  runs_confirmed: number;
  runs_not_confirmed: number;
  deliveries_expected: number;
  verdict: SoakVerdict;
  machine?: Record<string, string | number>;
  samples: readonly SoakSample[];
}
