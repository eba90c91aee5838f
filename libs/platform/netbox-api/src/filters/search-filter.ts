import type { Filter } from './filter';
import { anyOf, escapeLike } from './sql-conditions';

/**
 * NetBox's `q`: a case-insensitive substring match on any of `columns` (the filter set's `search()`);
 * a blank value means no filtering. Single-valued like Django's `CharFilter` (the last value counts).
 */
export function searchFilter(columns: readonly string[]): Filter {
  return {
    lookups: [],
    condition: ({ values, parameterName }) => {
      const text = values.at(-1);
      if (text === undefined || text.trim() === '') return undefined;
      const parameter = parameterName(0);
      return {
        sql: anyOf(columns.map((column) => `${column} ILIKE :${parameter}`)),
        parameters: { [parameter]: `%${escapeLike(text)}%` },
      };
    },
  };
}
