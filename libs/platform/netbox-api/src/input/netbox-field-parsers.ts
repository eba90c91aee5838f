import { isPythonDict, pythonRepr, pythonStr } from '@validity/contracts';
import { InvalidFieldValue, type FieldParser } from './drf-field';
import { hasNullCharacter } from './drf-field-parsers';
import { DRF_MESSAGES } from './drf-messages';

const MALFORMED_CONTENT_TYPE = "Invalid value. Specify a content type as '<app_label>.<model_name>'.";

/**
 * NetBox's `ContentTypeField(many=True)`: a list of `<app_label>.<model>` strings, each checked in
 * order (exact, case-sensitive), the first bad one reported. Stored without duplicates, in input order.
 * Where DRF would iterate a dict's keys as the list, this says it is not a list.
 */
export function contentTypesField(contentTypes: ReadonlySet<string>): FieldParser<string[]> {
  return (raw) => {
    if (raw === null) return new InvalidFieldValue(DRF_MESSAGES.null);
    if (!Array.isArray(raw)) return new InvalidFieldValue(DRF_MESSAGES.notAList(raw));
    for (const item of raw) {
      if (typeof item !== 'string' || item.split('.').length !== 2) {
        return new InvalidFieldValue(MALFORMED_CONTENT_TYPE);
      }
      if (!contentTypes.has(item)) return new InvalidFieldValue(`Invalid content type: ${item}`);
    }
    return [...new Set(raw as string[])];
  };
}

/** NetBox 3.6's `CustomFieldsDataField` message for anything but a dictionary. */
export const CUSTOM_FIELDS_NOT_A_DICTIONARY =
  'Invalid data format. Custom field data must be passed as a dictionary mapping field names to their values.';

/**
 * NetBox's `CustomFieldsDataField`: a dictionary. Whether its keys are defined custom fields is a model
 * rule, where NetBox checks it too. The webhook registry has always answered a shorter text for a
 * non-dictionary (its 400 bodies stay as they were); it passes its own.
 */
export function customFieldsField(
  notADictionary = CUSTOM_FIELDS_NOT_A_DICTIONARY,
): FieldParser<Record<string, unknown>> {
  return (raw) => {
    if (raw === null) return new InvalidFieldValue(DRF_MESSAGES.null);
    return isPythonDict(raw) ? (raw as Record<string, unknown>) : new InvalidFieldValue(notADictionary);
  };
}

/**
 * Custom field data a service keeps as it is (jsonb): a dictionary PostgreSQL can store, so a NUL
 * anywhere in it is DRF's 400 rather than a failed insert.
 */
export const storedCustomFieldsField: FieldParser<Record<string, unknown>> = (raw) => {
  const value = customFieldsField()(raw);
  if (value instanceof InvalidFieldValue) return value;
  return hasNullCharacter(value) ? new InvalidFieldValue(DRF_MESSAGES.nullCharacters) : value;
};

/**
 * NetBox's `NestedTagSerializer(many=True)`. This system has no tags, so every reference fails the way
 * NetBox's lookup of a missing tag does; only `[]` is accepted. The first bad item is reported.
 */
export const tagsField: FieldParser<never[]> = (raw) => {
  if (raw === null) return new InvalidFieldValue(DRF_MESSAGES.null);
  if (!Array.isArray(raw)) return new InvalidFieldValue(DRF_MESSAGES.notAList(raw));
  return raw.length === 0 ? [] : new InvalidFieldValue(unresolvedReferenceMessage(raw[0]));
};

/**
 * A single nested reference (`NestedDataSourceSerializer(required=False)`) to objects this system lacks:
 * every value fails.
 */
export const unresolvedReferenceField: FieldParser<never> = (raw) =>
  new InvalidFieldValue(unresolvedReferenceMessage(raw));

/**
 * NetBox 3.6's `WritableNestedSerializer.to_internal_value` for a reference that matches nothing: DRF
 * refuses `null` first (the field is not nullable), then the lookup's message.
 */
export function unresolvedReferenceMessage(reference: unknown): string {
  if (reference === null) return DRF_MESSAGES.null;
  if (isPythonDict(reference)) {
    return `Related object not found using the provided attributes: ${pythonRepr(filterParams(reference))}`;
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
function filterParams(
  attributes: Readonly<Record<string, unknown>>,
  prefix = '',
  depth = 0,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (isPythonDict(value) && depth < MAX_FLATTENED_DEPTH) {
      Object.assign(params, filterParams(value, `${prefix}${key}__`, depth + 1));
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

/**
 * A primary key as Django reads one for `queryset.get(pk=value)`: an int, `int()` of a float, or an
 * integer in text. `undefined` for what raises TypeError/ValueError there (DRF: "Incorrect type").
 */
function primaryKeyOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value.trim());
  return undefined;
}

/**
 * DRF 3.14's `PrimaryKeyRelatedField` up to its lookup: the key Django's `queryset.get(pk=value)` would
 * look up, or DRF's "Incorrect type". Whether an object has that key is the caller's lookup, which
 * answers `DRF_MESSAGES.pkDoesNotExist` when none does.
 */
export const primaryKeyField: FieldParser<number> = (raw) => {
  if (raw === null) return new InvalidFieldValue(DRF_MESSAGES.null);
  const id = typeof raw === 'boolean' ? undefined : primaryKeyOf(raw);
  return id === undefined ? new InvalidFieldValue(incorrectPkTypeMessage(raw)) : id;
};

/**
 * DRF 3.14's `ManyRelatedField` over `PrimaryKeyRelatedField` (Validity's `SerializedPKRelatedField`):
 * a list whose items are looked up by primary key among `existing`, the first bad item reported, the
 * ids kept once each in input order. `null` (not a key) looks up `pk=None`, which matches nothing.
 */
export function primaryKeyListField(existing: ReadonlySet<number>): FieldParser<number[]> {
  return (raw) => {
    if (raw === null) return new InvalidFieldValue(DRF_MESSAGES.null);
    if (!Array.isArray(raw)) return new InvalidFieldValue(DRF_MESSAGES.notAList(raw));
    const ids: number[] = [];
    for (const item of raw) {
      if (typeof item === 'boolean' || (item !== null && primaryKeyOf(item) === undefined)) {
        return new InvalidFieldValue(incorrectPkTypeMessage(item));
      }
      const id = item === null ? undefined : primaryKeyOf(item);
      if (id === undefined || !existing.has(id))
        return new InvalidFieldValue(DRF_MESSAGES.pkDoesNotExist(item));
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  };
}

function incorrectPkTypeMessage(value: unknown): string {
  return `Incorrect type. Expected pk value, received ${pkTypeName(value)}.`;
}

// What DRF names in "Incorrect type": a number that is no key is a float (nan, inf) here.
function pkTypeName(value: unknown): string {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'dict';
  return 'float';
}

/** A pk list field over objects this service does not have (NetBox's DCIM filters): only `[]` passes. */
export const emptyPrimaryKeyListField: FieldParser<number[]> = primaryKeyListField(new Set());
