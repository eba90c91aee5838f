import { comparableFilter } from './comparable-filter';
import { InvalidFilterValueError, type Filter } from './filter';

/**
 * Django's `parse_datetime` pattern (ISO 8601 with `T` or a space, optional seconds, up to 6 fraction
 * digits, optional `Z`/offset), plus the date-only input format `YYYY-MM-DD` (midnight).
 */
const DATE_TIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * A NetBox `MultiValueDateTimeFilter` (`created`, `last_updated`). Values without an offset are UTC
 * (NetBox's default `TIME_ZONE`); a value that does not parse fails with Django's
 * `Enter a valid date/time.`
 */
export function dateTimeFilter(column: string): Filter {
  return comparableFilter(column, parseDateTime);
}

/** The value as an ISO 8601 timestamp with offset and microseconds, which PostgreSQL reads exactly. */
function parseDateTime(value: string): string {
  const parts = DATE_TIME.exec(value.trim());
  if (parts === null) throw invalid();
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = parts;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  const offset = /^[+-](\d{2}):?(\d{2})?$/.exec(zone);
  const validZone = offset === null || (Number(offset[1]) < 24 && Number(offset[2] ?? 0) < 60);
  if (
    y < 1 ||
    date.getUTCMonth() !== mo - 1 ||
    date.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59 ||
    !validZone
  ) {
    throw invalid();
  }
  const pad = (number: number, width = 2) => String(number).padStart(width, '0');
  const utcOffset = offset === null ? '+00:00' : `${zone.slice(0, 3)}:${offset[2] ?? '00'}`;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}.${fraction.padEnd(6, '0')}${utcOffset}`;
}

function invalid(): InvalidFilterValueError {
  return new InvalidFilterValueError('Enter a valid date/time.');
}
