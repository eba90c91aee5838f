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

/**
 * The value as a UTC ISO 8601 timestamp with microseconds, which PostgreSQL reads exactly. Converted here
 * because PostgreSQL refuses offsets past ±15:59 that Django accepts (any offset under 24 hours, which it
 * converts to UTC before querying); an instant that leaves years 1-9999 in UTC is not a valid date/time.
 */
function parseDateTime(value: string): string {
  const parts = DATE_TIME.exec(value.trim());
  if (parts === null) throw invalid();
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = parts;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  const offset = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  const validZone = offset === null || (Number(offset[2]) < 24 && Number(offset[3] ?? 0) < 60);
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
  const offsetMinutes =
    offset === null ? 0 : (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0));
  date.setUTCHours(h, mi - offsetMinutes, s, 0);
  if (date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) throw invalid();
  const pad = (number: number, width = 2) => String(number).padStart(width, '0');
  const [uy, umo, ud, uh, umi, us] = [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ];
  return `${pad(uy, 4)}-${pad(umo)}-${pad(ud)}T${pad(uh)}:${pad(umi)}:${pad(us)}.${fraction.padEnd(6, '0')}+00:00`;
}

function invalid(): InvalidFilterValueError {
  return new InvalidFilterValueError('Enter a valid date/time.');
}
