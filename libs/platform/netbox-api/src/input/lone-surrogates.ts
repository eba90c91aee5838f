import { loneSurrogateIn } from '@validity/contracts';
import type { FieldErrors } from '../errors/netbox-api.error';
import { firstInJson } from './first-in-json';

/** DRF's `ProhibitSurrogateCharactersValidator` text, which every DRF `CharField` applies. */
export function surrogateMessage(code: number): string {
  return `Surrogate characters are not allowed: U+${code.toString(16).toUpperCase()}.`;
}

/**
 * The 400 body for a request body holding an unpaired UTF-16 surrogate (`"\ud800"` is valid JSON) in
 * any string or key, or `undefined`. Such text cannot be stored as it is: PostgreSQL's jsonb refuses
 * the escape (a 500) and its text columns would get U+FFFD instead. So every service refuses it the
 * same way, naming the top-level field that holds it (for a bulk body, per item, aligned with the
 * input), with DRF's message.
 */
export function loneSurrogateErrors(body: unknown): FieldErrors | FieldErrors[] | undefined {
  if (Array.isArray(body)) {
    const items = body.map((item): FieldErrors => (isObject(item) ? (fieldErrors(item) ?? {}) : {}));
    const anyError = items.some((errors) => Object.keys(errors).length > 0);
    if (anyError) return items;
    const code = firstLoneSurrogate(body);
    return code === undefined ? undefined : { non_field_errors: [surrogateMessage(code)] };
  }
  if (isObject(body)) return fieldErrors(body);
  const code = firstLoneSurrogate(body);
  return code === undefined ? undefined : { non_field_errors: [surrogateMessage(code)] };
}

function fieldErrors(object: Record<string, unknown>): FieldErrors | undefined {
  const errors: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(object)) {
    const code = firstLoneSurrogate(key) ?? firstLoneSurrogate(value);
    if (code !== undefined) errors[key] = [surrogateMessage(code)];
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}

function firstLoneSurrogate(value: unknown): number | undefined {
  return firstInJson(value, (leaf) => (typeof leaf === 'string' ? loneSurrogateIn(leaf) : undefined));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
