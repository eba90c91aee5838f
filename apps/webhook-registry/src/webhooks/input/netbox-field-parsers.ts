import { pythonRepr, pythonStr } from '@validity/contracts';
import { DRF_MESSAGES } from '@validity/platform/netbox-api';
import { InvalidFieldValue, type FieldParser } from './drf-field';

const MALFORMED_CONTENT_TYPE = "Invalid value. Specify a content type as '<app_label>.<model_name>'.";

/**
 * NetBox's `ContentTypeField(many=True)`: a list of `<app_label>.<model>` strings, each checked in
 * order (exact, case-sensitive), the first bad one reported. Stored without duplicates, in input order.
 * Where DRF would iterate a dict's keys as the list, this says it is not a list.
 */
export function contentTypesField(webhookContentTypes: ReadonlySet<string>): FieldParser<string[]> {
  return (raw) => {
    if (raw === null) return new InvalidFieldValue(DRF_MESSAGES.null);
    if (!Array.isArray(raw)) return new InvalidFieldValue(DRF_MESSAGES.notAList(raw));
    for (const item of raw) {
      if (typeof item !== 'string' || item.split('.').length !== 2) {
        return new InvalidFieldValue(MALFORMED_CONTENT_TYPE);
      }
      if (!webhookContentTypes.has(item)) return new InvalidFieldValue(`Invalid content type: ${item}`);
    }
    return [...new Set(raw as string[])];
  };
}

/**
 * NetBox's `CustomFieldsDataField`: a dictionary. Whether its keys are defined custom fields is a model
 * rule (stage 2), where NetBox checks it too.
 */
export const customFieldsField: FieldParser<Record<string, unknown>> = (raw) => {
  if (raw === null) return new InvalidFieldValue(DRF_MESSAGES.null);
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return new InvalidFieldValue('Invalid data format. Custom field data must be passed as a dictionary.');
  }
  return raw as Record<string, unknown>;
};

/**
 * NetBox's `NestedTagSerializer(many=True)`. This system has no tags, so every reference fails the way
 * NetBox's lookup of a missing tag does; only `[]` is accepted. The first bad item is reported.
 */
export const tagsField: FieldParser<never[]> = (raw) => {
  if (raw === null) return new InvalidFieldValue(DRF_MESSAGES.null);
  if (!Array.isArray(raw)) return new InvalidFieldValue(DRF_MESSAGES.notAList(raw));
  return raw.length === 0 ? [] : new InvalidFieldValue(unresolvedTagMessage(raw[0]));
};

/** `WritableNestedSerializer.to_internal_value`'s messages for a reference that matches nothing. */
function unresolvedTagMessage(reference: unknown): string {
  if (reference === null) return DRF_MESSAGES.null;
  if (typeof reference === 'object' && !Array.isArray(reference)) {
    return `Related object not found using the provided attributes: ${pythonRepr(filterParams(reference as Record<string, unknown>))}`;
  }
  const id = pythonInt(reference);
  if (id === undefined) {
    return `Related objects must be referenced by numeric ID or by dictionary of attributes. Received an unrecognized value: ${pythonStr(reference)}`;
  }
  return `Related object not found using the provided numeric ID: ${id}`;
}

// Deeper dictionaries stay nested (and print as `...`): only a message depends on it.
const MAX_FLATTENED_DEPTH = 32;

/** NetBox's `dict_to_filter_params`: nested dictionaries become `outer__inner` keys. */
function filterParams(attributes: Record<string, unknown>, prefix = '', depth = 0): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const isDictionary = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (isDictionary && depth < MAX_FLATTENED_DEPTH) {
      Object.assign(params, filterParams(value as Record<string, unknown>, `${prefix}${key}__`, depth + 1));
    } else {
      params[`${prefix}${key}`] = value;
    }
  }
  return params;
}

/** What NetBox's primary key becomes: the int itself (a bool stays `True`), `int()` of a float or text. */
function pythonInt(value: unknown): string | undefined {
  if (typeof value === 'boolean') return pythonStr(value);
  if (typeof value === 'number') return String(Math.trunc(value));
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return BigInt(value.trim()).toString();
  return undefined;
}
