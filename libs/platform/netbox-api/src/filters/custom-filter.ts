import type { Filter, SqlCondition } from './filter';

/**
 * A filter with its own SQL for the bare parameter name, for what the typed filters do not cover, such
 * as `content_types` membership in an array column (`:content_types_0 = ANY(w.content_types)`).
 * `build` gets the non-blank values and returns `undefined` for "no filtering"; it may throw
 * `InvalidFilterValueError` to answer 400 under the parameter's name. `lastValue` is the last value as
 * sent, blank or not, for single-valued filters (Django's `QueryDict.get`).
 */
export function customFilter(
  build: (
    values: readonly string[],
    parameterName: (index: number) => string,
    lastValue: string | undefined,
  ) => SqlCondition | undefined,
): Filter {
  return {
    lookups: [],
    condition: ({ values, parameterName, lastValue }) => build(values, parameterName, lastValue),
  };
}
