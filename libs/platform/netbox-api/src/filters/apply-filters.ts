import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { FieldErrors } from '../errors/netbox-api.error';
import { NetBoxValidationError } from '../errors/netbox-validation.error';
import { valuesOf, type QueryParams } from '../listing/query-params';
import { DRF_MESSAGES } from '../input/drf-messages';
import { InvalidFilterValueError, type Filter, type FilterSet } from './filter';

/**
 * Applies a list request's filters the way a NetBox `FilterSet` does: each known parameter (`name` or
 * `name__<lookup>`) is ANDed, the values of one parameter ORed; unknown parameters (including
 * `limit`, `offset`, `brief`) are ignored, as NetBox ignores invalid filters (netbox#19579). Values go
 * in as SQL parameters only. Bad values for typed filters are all reported at once:
 * 400 `{"id": ["Enter a whole number."], "created__gt": ["Enter a valid date/time."]}`.
 */
export function applyFilters<T extends ObjectLiteral>(
  queryBuilder: SelectQueryBuilder<T>,
  filterSet: FilterSet,
  query: QueryParams,
): SelectQueryBuilder<T> {
  const errors: Record<string, string[]> = {};
  for (const parameter of Object.keys(query)) {
    const target = filterFor(filterSet, parameter);
    const values = valuesOf(query, parameter).filter((value) => value !== '');
    if (target === undefined || values.length === 0) continue;
    // Django's form fields refuse NUL (`ProhibitNullCharactersValidator`); PostgreSQL cannot take it in
    // a text parameter either, so it would otherwise fail the query with a 500.
    if (values.some((value) => value.includes('\0'))) {
      errors[parameter] = [DRF_MESSAGES.nullCharacters];
      continue;
    }
    try {
      const condition = target.filter.condition({
        lookup: target.lookup,
        values,
        lastValue: valuesOf(query, parameter).at(-1),
        parameterName: (index) => `${parameter}_${index}`,
      });
      if (condition !== undefined) queryBuilder.andWhere(condition.sql, condition.parameters);
    } catch (error) {
      if (!(error instanceof InvalidFilterValueError)) throw error;
      errors[parameter] = [error.message];
    }
  }
  if (Object.keys(errors).length > 0) throw new NetBoxValidationError(errors satisfies FieldErrors);
  return queryBuilder;
}

function filterFor(filterSet: FilterSet, parameter: string): { filter: Filter; lookup: string } | undefined {
  if (Object.hasOwn(filterSet, parameter)) return { filter: filterSet[parameter], lookup: '' };
  const separator = parameter.lastIndexOf('__');
  if (separator <= 0) return undefined;
  const name = parameter.slice(0, separator);
  const lookup = parameter.slice(separator + 2);
  if (!Object.hasOwn(filterSet, name) || !filterSet[name].lookups.includes(lookup)) return undefined;
  return { filter: filterSet[name], lookup };
}
