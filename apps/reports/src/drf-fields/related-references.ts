import { applyDecorators } from '@nestjs/common';
import { ValidateBy, ValidateIf } from 'class-validator';
import { pythonRepr, pythonStr } from '@validity/contracts';
import { DRF_MESSAGES } from '@validity/platform/netbox-api';

/**
 * A field rule given as one function: `undefined` when the value is fine, else DRF's message. Runs
 * only for a present value (absent fields are the caller's `required` list).
 */
export function DrfCheck(name: string, check: (value: unknown) => string | undefined): PropertyDecorator {
  return applyDecorators(
    ValidateBy({
      name,
      validator: {
        validate: (value) => check(value) === undefined,
        defaultMessage: (args) => check(args?.value) ?? '',
      },
    }),
    ValidateIf((_input, value) => value !== undefined),
  );
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

/** The outcome of reading `PrimaryKeyRelatedField(many=True)` input: ids, or DRF's message. */
export type PrimaryKeyList = { ids: number[] } | { error: string };

/**
 * DRF 3.14's `ManyRelatedField` over `PrimaryKeyRelatedField` (Validity's `SerializedPKRelatedField`):
 * a list whose items are looked up by primary key among `existing`, the first bad item reported.
 * `null` (not a key) looks up `pk=None`, which matches nothing.
 */
export function primaryKeyList(value: unknown, existing: ReadonlySet<number>): PrimaryKeyList {
  if (value === null) return { error: DRF_MESSAGES.null };
  if (!Array.isArray(value)) return { error: DRF_MESSAGES.notAList(value) };
  const ids: number[] = [];
  for (const item of value) {
    if (typeof item === 'boolean' || (item !== null && primaryKeyOf(item) === undefined)) {
      return { error: `Incorrect type. Expected pk value, received ${pythonTypeOf(item)}.` };
    }
    const id = item === null ? undefined : primaryKeyOf(item);
    if (id === undefined || !existing.has(id)) {
      return { error: `Invalid pk "${pythonStr(item)}" - object does not exist.` };
    }
    if (!ids.includes(id)) ids.push(id);
  }
  return { ids };
}

function pythonTypeOf(value: unknown): string {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'dict';
  return 'float';
}

const NONE = new Set<number>();

/** A pk list field over objects this service does not have (NetBox's DCIM): only `[]` passes. */
export function EmptyPrimaryKeyList(): PropertyDecorator {
  return DrfCheck('emptyPrimaryKeyList', (value) => {
    const outcome = primaryKeyList(value, NONE);
    return 'error' in outcome ? outcome.error : undefined;
  });
}

/**
 * NetBox 3.6's `WritableNestedSerializer.to_internal_value` for a reference to an object this service
 * does not have (tags, data sources, data files): DRF refuses `null` first (the field is not nullable),
 * then every reference fails NetBox's lookup with its message.
 */
export function unresolvedReferenceMessage(reference: unknown): string {
  if (reference === null) return DRF_MESSAGES.null;
  if (typeof reference === 'object' && !Array.isArray(reference)) {
    return `Related object not found using the provided attributes: ${pythonRepr(reference)}`;
  }
  // NetBox runs `int(data)`: a bool is an int in Python (`int(True) == 1`).
  const id = typeof reference === 'boolean' ? Number(reference) : primaryKeyOf(reference);
  if (id === undefined) {
    return `Related objects must be referenced by numeric ID or by dictionary of attributes. Received an unrecognized value: ${pythonStr(reference)}`;
  }
  return `Related object not found using the provided numeric ID: ${id}`;
}

/** `NestedTagSerializer(many=True, required=False)`: this system has no tags, so only `[]` passes. */
export function NoTags(): PropertyDecorator {
  return DrfCheck('noTags', (value) => {
    if (value === null) return DRF_MESSAGES.null;
    if (!Array.isArray(value)) return DRF_MESSAGES.notAList(value);
    return value.length === 0 ? undefined : unresolvedReferenceMessage(value[0]);
  });
}

/** A single nested reference (`NestedDataSourceSerializer(required=False)`) to objects this system lacks. */
export function NoReference(): PropertyDecorator {
  return DrfCheck('noReference', (value) => unresolvedReferenceMessage(value));
}
