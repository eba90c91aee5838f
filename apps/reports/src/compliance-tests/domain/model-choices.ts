import { NetBoxValidationError, type QueryParams, valuesOf } from '@validity/platform/netbox-api';

/**
 * Django 4.2's `ModelMultipleChoiceField` check of a `ModelMultipleChoiceFilter`'s values: each must be
 * an integer primary key (text compared as `str(pk)`, so `01` is not `1`) of an existing object.
 * `existing` holds the ids found per parameter; the first bad value of each is reported, in Django's words.
 */
export function checkModelChoices(
  query: QueryParams,
  existing: Readonly<Record<string, ReadonlySet<number>>>,
): void {
  const errors: Record<string, string[]> = {};
  for (const [parameter, ids] of Object.entries(existing)) {
    const values = valuesOf(query, parameter).filter((value) => value !== '');
    const malformed = values.find((value) => !/^\s*[+-]?\d+\s*$/.test(value));
    if (malformed !== undefined) {
      errors[parameter] = [`\u201c${malformed}\u201d is not a valid value.`];
      continue;
    }
    const unknown = values.find((value) => !/^[1-9]\d*$/.test(value) || !ids.has(Number(value)));
    if (unknown !== undefined) {
      errors[parameter] = [`Select a valid choice. ${unknown} is not one of the available choices.`];
    }
  }
  if (Object.keys(errors).length > 0) throw new NetBoxValidationError(errors);
}
