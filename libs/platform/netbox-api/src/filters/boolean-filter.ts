import type { Filter } from './filter';

/**
 * What Django 4.2's `NullBooleanSelect.value_from_datadict` maps a query value to, which is how every
 * NetBox 3.6 and Validity 2.3 `BooleanFilter` reads its parameter (django-filter 23's `BooleanFilter`
 * uses `forms.NullBooleanField`, whose widget this is). Exact text only: `1`, `0`, `TRUE`, `yes` are
 * not in it, while `2` and `3` (Django < 2.2's encoding, kept for backwards compatibility) are.
 * Derived by running that code: docs/netbox-compatibility.md, "Boolean filters".
 */
const NULL_BOOLEAN_SELECT_VALUES: Readonly<Record<string, boolean>> = {
  True: true,
  true: true,
  '2': true,
  False: false,
  false: false,
  '3': false,
};

/** The `__empty` lookups' own reading (unchanged by the NullBooleanSelect table above). */
const EMPTY_LOOKUP_VALUES: Readonly<Record<string, boolean>> = {
  true: true,
  True: true,
  '1': true,
  false: false,
  False: false,
  '0': false,
};

/**
 * A `BooleanFilter` value as NetBox reads it, or `undefined` for any other text (including a blank),
 * which means "no filtering" rather than an error. Pass the parameter's last value, blank or not:
 * Django's `QueryDict.get` returns the last one.
 */
export function filterBoolean(value: string | undefined): boolean | undefined {
  return value === undefined || !Object.hasOwn(NULL_BOOLEAN_SELECT_VALUES, value)
    ? undefined
    : NULL_BOOLEAN_SELECT_VALUES[value];
}

/** The value of an `__empty` lookup (`name__empty=true`), `undefined` when it is not one. */
export function emptyLookupValue(value: string | undefined): boolean | undefined {
  return value === undefined || !Object.hasOwn(EMPTY_LOOKUP_VALUES, value)
    ? undefined
    : EMPTY_LOOKUP_VALUES[value];
}

/** `?enabled=true`: single-valued like Django's (the last value counts, even a blank one), no lookups. */
export function booleanFilter(column: string): Filter {
  return {
    lookups: [],
    condition: ({ lastValue, parameterName }) => {
      const value = filterBoolean(lastValue);
      if (value === undefined) return undefined;
      return { sql: `${column} = :${parameterName(0)}`, parameters: { [parameterName(0)]: value } };
    },
  };
}
