import type { JsonValue } from './json-value';
import { NonJsonValueError } from './non-json-value.error';

/**
 * Writes `value` exactly as Python's `json.dumps(value)` does with its defaults, which is how NetBox
 * renders webhook bodies: `", "` and `": "` separators, no newline, `ensure_ascii` escaping.
 *
 * - Object keys keep insertion order. JavaScript itself lists integer-like keys ("2") first, in ascending
 *   order, so such keys cannot keep their original position.
 * - Object members whose value is `undefined` are omitted, as `JSON.stringify` does.
 * - Integral numbers are written as Python ints (`1e21` -> `1000000000000000000000`); other numbers as
 *   Python's float repr (`1.5e-05`). JavaScript cannot tell the float `1.0` from the int `1`, so a value
 *   Python would print as `1.0` is written `1`.
 * - NaN, Infinity, `undefined` in arrays and anything that is not a plain object, array, string, number,
 *   boolean or null throw `NonJsonValueError`.
 */
export function pythonJsonDumps(value: JsonValue): string {
  return dumpValue(value, '$');
}

function dumpValue(value: unknown, path: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return dumpString(value);
  if (typeof value === 'number') return dumpNumber(value, path);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value !== 'object') throw new NonJsonValueError(path, `of type ${typeof value}`);
  if (Array.isArray(value)) return dumpArray(value, path);
  if (isPlainObject(value)) return dumpObject(value, path);
  throw new NonJsonValueError(path, `an instance of ${value.constructor?.name ?? 'an unknown class'}`);
}

function dumpArray(items: readonly unknown[], path: string): string {
  const parts = items.map((item, index) => dumpValue(item, `${path}[${index}]`));
  return `[${parts.join(', ')}]`;
}

function dumpObject(object: Record<string, unknown>, path: string): string {
  const parts: string[] = [];
  for (const [key, member] of Object.entries(object)) {
    if (member === undefined) continue;
    parts.push(`${dumpString(key)}: ${dumpValue(member, `${path}.${key}`)}`);
  }
  return `{${parts.join(', ')}}`;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

// Python's ESCAPE_ASCII, `([\\"]|[^\ -~])`: only printable ASCII (space to `~`) stays as it is. Matching
// per UTF-16 code unit turns astral characters into surrogate pairs; DEL (0x7f) is escaped too.
const NEEDS_ESCAPE = /["\\]|[^ -~]/g;

function dumpString(text: string): string {
  return `"${text.replace(NEEDS_ESCAPE, escapeCodeUnit)}"`;
}

function escapeCodeUnit(codeUnit: string): string {
  return SHORT_ESCAPES[codeUnit] ?? `\\u${codeUnit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function dumpNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) throw new NonJsonValueError(path, String(value));
  if (Number.isInteger(value)) return BigInt(value).toString();
  // Both languages print the shortest digits that round-trip; they differ only in when they switch to an
  // exponent. A non-integral double is below 2**53, so only Python's small-number rule (exponent < -4,
  // written with a sign and at least two digits) needs handling.
  const [mantissa, exponent] = value.toExponential().split('e');
  const decimalExponent = Number(exponent);
  if (decimalExponent < -4) return `${mantissa}e-${String(-decimalExponent).padStart(2, '0')}`;
  return String(value);
}
