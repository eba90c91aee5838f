import { emptyLookupValue } from './boolean-filter';
import type { Filter, SqlCondition } from './filter';
import { anyOf, not } from './sql-conditions';

const OPERATORS: Readonly<Record<string, string>> = {
  '': '=',
  n: '=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
};

/**
 * NetBox's `FILTER_NUMERIC_BASED_LOOKUP_MAP` over values that `parse` turns into SQL parameters (it
 * throws `InvalidFilterValueError` for a bad one): exact, `__n` (negated), `__gt/__gte/__lt/__lte`,
 * and `__empty` (Django's `isnull`). `parameterCast` (e.g. `::bigint`) types the parameter, not the column,
 * so indexes still apply.
 */
export function comparableFilter(
  column: string,
  parse: (value: string) => unknown,
  parameterCast = '',
): Filter {
  return {
    lookups: ['n', 'gt', 'gte', 'lt', 'lte', 'empty'],
    condition: ({ lookup, values, parameterName }): SqlCondition | undefined => {
      if (lookup === 'empty') {
        const empty = emptyLookupValue(values.at(-1));
        if (empty === undefined) return undefined;
        return { sql: `${column} IS ${empty ? '' : 'NOT '}NULL`, parameters: {} };
      }
      const parameters = Object.fromEntries(
        values.map((value, index) => [parameterName(index), parse(value)]),
      );
      const matches = anyOf(
        values.map((_, index) => `${column} ${OPERATORS[lookup]} :${parameterName(index)}${parameterCast}`),
      );
      return { sql: lookup === 'n' ? not(matches) : matches, parameters };
    },
  };
}
