import { restDateTime, type PreciseTime } from '@validity/contracts';

/**
 * A `timestamptz` column read as microseconds since the epoch. PostgreSQL keeps microseconds, which
 * NetBox shows in REST datetimes, but node-postgres turns timestamps into millisecond Dates.
 */
export function epochMicrosOf(column: string): string {
  return `(extract(epoch from ${column}) * 1000000)::bigint`;
}

/** What `epochMicrosOf` selected (node-postgres returns bigint as text), as a `PreciseTime`. */
export function preciseTimeOf(epochMicros: string | number): PreciseTime {
  const micros = Number(epochMicros);
  if (!Number.isSafeInteger(micros)) throw new RangeError(`Not a timestamp in microseconds: ${epochMicros}`);
  const withinSecond = ((micros % 1_000_000) + 1_000_000) % 1_000_000;
  return { date: new Date(Math.floor(micros / 1000)), micros: withinSecond };
}

/** A `PreciseTime` as a query parameter for a `timestamptz` column, microseconds included. */
export function timestampParameter(time: PreciseTime): string {
  return restDateTime(time.date, time.micros);
}
