import type { Filter } from './filter';

const BOOLEAN_VALUES: Readonly<Record<string, boolean>> = {
  true: true,
  True: true,
  '1': true,
  false: false,
  False: false,
  '0': false,
};

/**
 * A filter value read as a boolean the way NetBox's boolean filters read it, or `undefined` for any
 * other text, which means "no filtering" rather than an error.
 */
export function filterBoolean(value: string | undefined): boolean | undefined {
  return value === undefined || !Object.hasOwn(BOOLEAN_VALUES, value) ? undefined : BOOLEAN_VALUES[value];
}

/** `?enabled=true`: single-valued like Django's (the last value counts), no lookups. */
export function booleanFilter(column: string): Filter {
  return {
    lookups: [],
    condition: ({ values, parameterName }) => {
      const value = filterBoolean(values.at(-1));
      if (value === undefined) return undefined;
      return { sql: `${column} = :${parameterName(0)}`, parameters: { [parameterName(0)]: value } };
    },
  };
}
