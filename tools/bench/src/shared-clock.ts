/**
 * One clock for the benchmark and the processes it starts, so a time stamped in one process can be
 * subtracted from a time stamped in another. `performance.timeOrigin + performance.now()` is not that:
 * each process fixes its own origin, and over a run of minutes two processes disagreed by hundreds of
 * milliseconds (the latency scenario printed a p50 of -416 ms).
 *
 * The clock is the machine's monotonic clock (`process.hrtime.bigint()`, the same CLOCK_MONOTONIC in
 * every process) offset by one wall-clock anchor. The first process takes the anchor once and hands it
 * to its children in `BENCH_CLOCK_ANCHOR` (`sharedClockEnv()`), so every process computes the very same
 * value for the same instant; wall-clock steps during the run move none of them.
 */
const ANCHOR_VARIABLE = 'BENCH_CLOCK_ANCHOR';

interface Anchor {
  wallMs: number;
  monotonicNs: bigint;
}

const anchor: Anchor = inheritedAnchor() ?? { wallMs: Date.now(), monotonicNs: process.hrtime.bigint() };

/** Milliseconds since the epoch (sub-millisecond precision) on the clock shared with child processes. */
export function sharedNow(): number {
  return anchor.wallMs + Number(process.hrtime.bigint() - anchor.monotonicNs) / 1e6;
}

/** The environment a child process needs to read the same clock (merge it into `spawn`'s `env`). */
export function sharedClockEnv(): Record<string, string> {
  return { [ANCHOR_VARIABLE]: `${anchor.wallMs}:${anchor.monotonicNs}` };
}

function inheritedAnchor(): Anchor | undefined {
  const value = process.env[ANCHOR_VARIABLE];
  if (value === undefined) return undefined;
  const match = /^(\d+):(\d+)$/.exec(value);
  if (!match) throw new Error(`${ANCHOR_VARIABLE} is not "<wall ms>:<monotonic ns>": ${value}`);
  return { wallMs: Number(match[1]), monotonicNs: BigInt(match[2]) };
}
