import { isPythonObject, PYTHON_REPR, PYTHON_STR } from './python-object';
import { isPythonDict, isPythonTuple } from './python-type-name';

/**
 * Python's `repr()` and `str()` of JSON values, as CPython writes them: what NetBox's and DRF's messages
 * quote, what the Jinja2 sandbox prints, what condition-set's errors name.
 */

// Past this depth a container prints as `...`, as Python's repr shows a recursive one. CPython itself
// gives up (RecursionError) far deeper; the bound keeps a hostile body from exhausting the stack.
const MAX_REPR_DEPTH = 32;

/** Python's `str()`: a string as it is, anything else as its `repr()` (what an f-string prints). */
export function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isPythonObject(value)) return value[PYTHON_STR]?.() ?? value[PYTHON_REPR]();
  return pythonRepr(value);
}

/** Python's `repr()`: `None`, `True`, `1e-05`, `'it\'s'` → `"it's"`, `[1, 'a']`, `(1,)`, `{'a': None}`. */
export function pythonRepr(value: unknown): string {
  return reprAt(value, 0);
}

function reprAt(value: unknown, depth: number): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumberRepr(value);
  if (typeof value === 'string') return pythonStringRepr(value);
  if (isPythonObject(value)) return value[PYTHON_REPR]();
  if (Array.isArray(value) || isPythonDict(value)) {
    return depth > MAX_REPR_DEPTH ? '...' : containerRepr(value, depth + 1);
  }
  return '<object>';
}

function containerRepr(value: readonly unknown[] | Readonly<Record<string, unknown>>, depth: number): string {
  if (!Array.isArray(value)) {
    const entries = Object.entries(value).map(
      ([key, member]) => `${pythonStringRepr(key)}: ${reprAt(member, depth)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  const items = value.map((item: unknown) => reprAt(item, depth));
  if (!isPythonTuple(value)) return `[${items.join(', ')}]`;
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** CPython's float/int repr of a JSON number (an integral number is an int: `1.0` prints `1`). */
export function pythonNumberRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value)) return BigInt(value).toString();
  // Both languages print the shortest round-tripping digits. A non-integral double is below 2**53, so
  // only Python's switch to an exponent below 1e-4 (`1e-05`, two exponent digits at least) differs.
  const [mantissa, exponent] = value.toExponential().split('e');
  const decimalExponent = Number(exponent);
  if (decimalExponent < -4) return `${mantissa}e-${String(-decimalExponent).padStart(2, '0')}`;
  return String(value);
}

// Python's str.isprintable() is false for these categories (the ASCII space is handled before).
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** CPython's `unicode_repr`: single quotes unless the text has `'` and no `"`, then escapes per code point. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === quote) body += `\\${char}`;
    else if (SHORT_ESCAPES[char] !== undefined) body += SHORT_ESCAPES[char];
    else if (code < 0x20 || code === 0x7f) body += hexEscape('x', code, 2);
    else if (code < 0x7f || !NON_PRINTABLE.test(char)) body += char;
    else if (code <= 0xff) body += hexEscape('x', code, 2);
    else if (code <= 0xffff) body += hexEscape('u', code, 4);
    else body += hexEscape('U', code, 8);
  }
  return `${quote}${body}${quote}`;
}

function hexEscape(letter: string, code: number, digits: number): string {
  return `\\${letter}${code.toString(16).padStart(digits, '0')}`;
}
