import { comparableFilter } from './comparable-filter';
import { InvalidFilterValueError, type Filter } from './filter';

/**
 * A NetBox `MultiValueNumberFilter` (integer ids and counts). A value that is not an integer fails
 * with Django's `IntegerField` message, `Enter a whole number.`
 */
export function numberFilter(column: string): Filter {
  // A bigint parameter: `?id=99999999999` on an integer column matches nothing instead of failing.
  return comparableFilter(column, parseInteger, '::bigint');
}

/** Django's `IntegerField` also accepts blanks around the number and a zero fraction (`5.0`). */
function parseInteger(value: string): number {
  const number = /^\s*[+-]?\d+(\.0*)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number)) throw new InvalidFilterValueError('Enter a whole number.');
  return number;
}
