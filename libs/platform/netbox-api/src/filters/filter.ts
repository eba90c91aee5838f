import type { ObjectLiteral } from 'typeorm';

/** A SQL boolean expression with its named parameters (`:name`), ready for `andWhere`. */
export interface SqlCondition {
  readonly sql: string;
  readonly parameters: ObjectLiteral;
}

/** One query parameter addressed to a filter: `name` (lookup `''`) or `name__<lookup>`. */
export interface FilterRequest {
  readonly lookup: string;
  /** The parameter's values in query order, blanks dropped (NetBox's multi-value fields skip them). */
  readonly values: readonly string[];
  /** The parameter's last value as sent, blank or not (Django's `QueryDict.get`), for single-valued filters. */
  readonly lastValue: string | undefined;
  /** A SQL parameter name unique within the query, for the value at `index`. */
  parameterName(index: number): string;
}

/**
 * A NetBox filter: answers to its bare name and to `<name>__<lookup>` for each of `lookups`. Returns the
 * condition to AND into the query, or `undefined` for "no filtering"; throws `InvalidFilterValueError`
 * for a value of the wrong type.
 */
export interface Filter {
  readonly lookups: readonly string[];
  condition(request: FilterRequest): SqlCondition | undefined;
}

/** A list endpoint's filters by query parameter name, like a NetBox `FilterSet`. */
export type FilterSet = Readonly<Record<string, Filter>>;

/** A filter value that does not parse; the message is django-filter's, reported under the parameter. */
export class InvalidFilterValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFilterValueError';
  }
}
