import type { JsonObject, JsonValue } from '@validity/contracts';

/**
 * An aggregate's state as the stored object is, to decide on: its custom fields with their keys in the
 * order PostgreSQL's `jsonb` gives them back. An event shows them as the request sent them, but NetBox
 * serializes the next change of the object (its snapshots, and the fields it keeps) from the object read
 * back from the database, and so did this service when it decided from its read models; so the bytes a
 * decision produces stay what they were.
 */
export function asStored<T extends { customFields: JsonObject }>(state: T): T {
  return { ...state, customFields: inJsonbKeyOrder(state.customFields) };
}

/**
 * A JSON value with every object's keys in the order PostgreSQL's `jsonb` gives them back: shorter keys
 * (in UTF-8 bytes) first, keys of one length by their bytes; arrays keep their order.
 */
export function inJsonbKeyOrder<T extends JsonValue | undefined>(value: T): T {
  if (Array.isArray(value)) return value.map((item: JsonValue) => inJsonbKeyOrder(item)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const object: JsonObject = value;
  const keys = Object.keys(object).sort(jsonbKeyComparison);
  return Object.fromEntries(keys.map((key) => [key, inJsonbKeyOrder(object[key])])) as T;
}

function jsonbKeyComparison(a: string, b: string): number {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length - right.length || Buffer.compare(left, right);
}
