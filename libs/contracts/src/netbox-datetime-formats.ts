import type { PreciseTime } from './precise-time';

/**
 * The three datetime formats that appear in a NetBox 3.6 webhook body. Each takes a Date plus, optionally,
 * the microseconds within the second (0-999999), which replace the Date's milliseconds as the fraction;
 * without them the fraction is the Date's milliseconds. Datetimes are always rendered in UTC.
 */

/** The envelope `timestamp`: Python's `datetime.isoformat()`, e.g. `2023-04-12T19:36:37.739906+00:00`. */
export function netboxTimestamp(date: Date, micros?: number): string {
  return pythonIsoFormat(date, micros);
}

/** A REST (DRF) datetime as in `data`, e.g. `2023-04-12T19:36:33.690567Z`: isoformat with `+00:00` -> `Z`. */
export function restDateTime(date: Date, micros?: number): string {
  return replaceUtcOffsetWithZ(pythonIsoFormat(date, micros));
}

/**
 * A REST datetime (`2023-04-12T19:36:33.690567Z`, fraction optional) back to the time it was written from:
 * what a projection rebuilds a row's timestamps from, microseconds included.
 */
export function preciseTimeOfRestDateTime(text: string): PreciseTime {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a REST datetime: ${text}`);
  const fraction = /\.(\d{1,6})Z$/.exec(text)?.[1] ?? '';
  return { date, micros: Number(fraction.padEnd(6, '0')) };
}

/**
 * A snapshot datetime, e.g. `2023-04-12T19:36:33.690Z`: Django's DjangoJSONEncoder truncates the isoformat
 * fraction to milliseconds when there is one (so 500 microseconds give `.000`), then writes `+00:00` as `Z`.
 */
export function snapshotDateTime(date: Date, micros?: number): string {
  const iso = pythonIsoFormat(date, micros);
  const hasFraction = resolveMicros(date, micros) !== 0;
  return replaceUtcOffsetWithZ(hasFraction ? iso.slice(0, 23) + iso.slice(26) : iso);
}

// Python's isoformat omits the fraction entirely when microseconds are 0.
function pythonIsoFormat(date: Date, micros: number | undefined): string {
  const year = date.getUTCFullYear();
  if (Number.isNaN(year)) throw new RangeError('Invalid Date cannot be formatted');
  if (year < 1 || year > 9999) throw new RangeError(`Year ${year} is outside Python's datetime range 1-9999`);
  const resolvedMicros = resolveMicros(date, micros);
  const fraction = resolvedMicros === 0 ? '' : `.${pad(resolvedMicros, 6)}`;
  return (
    `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}` +
    `${fraction}+00:00`
  );
}

function resolveMicros(date: Date, micros: number | undefined): number {
  if (micros === undefined) return date.getUTCMilliseconds() * 1000;
  if (!Number.isInteger(micros) || micros < 0 || micros > 999_999) {
    throw new RangeError(`Microseconds must be an integer from 0 to 999999, got ${micros}`);
  }
  return micros;
}

function replaceUtcOffsetWithZ(iso: string): string {
  return `${iso.slice(0, -'+00:00'.length)}Z`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
