import { emptyLookupValue } from './boolean-filter';
import type { Filter, SqlCondition } from './filter';
import { anyOf, escapeLike, not } from './sql-conditions';

interface StringMatch {
  /** SQL operator between the column and the parameter. */
  operator: '=' | 'ILIKE';
  pattern(value: string): string;
  negated: boolean;
}

const exact = (negated: boolean): StringMatch => ({ operator: '=', pattern: (value) => value, negated });
const like = (negated: boolean, pattern: (escaped: string) => string): StringMatch => ({
  operator: 'ILIKE',
  pattern: (value) => pattern(escapeLike(value)),
  negated,
});

/** NetBox's `FILTER_CHAR_BASED_LOOKUP_MAP`; an `n` prefix is the negation (`exclude()`). */
const STRING_MATCHES: Readonly<Record<string, StringMatch>> = {
  '': exact(false),
  n: exact(true),
  ic: like(false, (text) => `%${text}%`),
  nic: like(true, (text) => `%${text}%`),
  ie: like(false, (text) => text),
  nie: like(true, (text) => text),
  isw: like(false, (text) => `${text}%`),
  nisw: like(true, (text) => `${text}%`),
  iew: like(false, (text) => `%${text}`),
  niew: like(true, (text) => `%${text}`),
};

/**
 * A NetBox `MultiValueCharFilter` on `column`: exact (case-sensitive) match, the lookups of
 * `STRING_MATCHES`, and `__empty`, NetBox's `Empty` lookup (`true` = empty or NULL, `false` = has
 * text).
 */
export function stringFilter(column: string): Filter {
  return {
    lookups: [...Object.keys(STRING_MATCHES).filter((lookup) => lookup !== ''), 'empty'],
    condition: ({ lookup, values, parameterName }): SqlCondition | undefined => {
      if (lookup === 'empty') {
        const empty = emptyLookupValue(values.at(-1));
        if (empty === undefined) return undefined;
        return { sql: empty ? `COALESCE(${column}, '') = ''` : `${column} <> ''`, parameters: {} };
      }
      const match = STRING_MATCHES[lookup];
      const parameters = Object.fromEntries(
        values.map((value, index) => [parameterName(index), match.pattern(value)]),
      );
      const matches = anyOf(values.map((_, index) => `${column} ${match.operator} :${parameterName(index)}`));
      return { sql: match.negated ? not(matches) : matches, parameters };
    },
  };
}
