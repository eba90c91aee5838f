/**
 * An instant with microsecond precision. JavaScript Dates hold milliseconds, but NetBox timestamps and
 * REST datetimes show microseconds, so the microseconds within the second travel next to the Date.
 */
export interface PreciseTime {
  /** The instant, to the millisecond. */
  date: Date;
  /** Microseconds within the second (0-999999); its leading three digits agree with `date`'s milliseconds. */
  micros: number;
}

// The wall clock (Date.now) only has milliseconds, so microseconds come from the monotonic clock, placed on
// the wall clock by an offset. The offset starts at the process's time origin and is re-taken from the wall
// clock when the two have drifted apart (clock stepped, host suspended); smaller differences are ordinary
// jitter of a millisecond-granular clock and are left alone so that successive times never go backwards.
const MAX_DRIFT_MILLIS = 10;
let wallClockOffsetMicros = Math.round(performance.timeOrigin * 1000);

function monotonicMicros(): number {
  return Math.floor(performance.now() * 1000);
}

/** The current wall-clock time to the microsecond. */
export function preciseNow(): PreciseTime {
  let epochMicros = monotonicMicros() + wallClockOffsetMicros;
  const wallClockMillis = Date.now();
  if (Math.abs(epochMicros / 1000 - wallClockMillis) > MAX_DRIFT_MILLIS) {
    wallClockOffsetMicros = wallClockMillis * 1000 - monotonicMicros();
    epochMicros = monotonicMicros() + wallClockOffsetMicros;
  }
  return {
    date: new Date(Math.floor(epochMicros / 1000)),
    micros: epochMicros % 1_000_000,
  };
}
