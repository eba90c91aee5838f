/**
 * How Python (which NetBox and DRF run on) turns JSON values into text, for the messages DRF builds
 * from them (`"True" is not a valid choice.`) and for the strings DRF stores (`str(5)`, `.strip()`).
 */

// Past this depth a value is shown as `...`, as Python's repr shows a recursive container; no client
// sends such input, and a bound keeps the recursion from exhausting the stack on a hostile body.
const MAX_REPR_DEPTH = 32;

/** Python's `str()` of a JSON value: strings as they are, everything else as `repr()`. */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/** Python's `repr()` of a JSON value (`None`, `True`, `'text'`, `[1, 'a']`, `{'name': 'x'}`). */
export function pythonRepr(value: unknown, depth = 0): string {
  if (depth > MAX_REPR_DEPTH) return '...';
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return stringRepr(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonRepr(item, depth + 1)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([key, item]) => `${stringRepr(key)}: ${pythonRepr(item, depth + 1)}`).join(', ')}}`;
}

/** Single quotes unless the text has a `'` and no `"`; backslash, quote and control characters escaped. */
function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (character === '\\' || character === quote) body += `\\${character}`;
    else if (character === '\n') body += '\\n';
    else if (character === '\r') body += '\\r';
    else if (character === '\t') body += '\\t';
    else if (code < 0x20 || code === 0x7f) body += `\\x${code.toString(16).padStart(2, '0')}`;
    else body += character;
  }
  return `${quote}${body}${quote}`;
}

// Python's str.isspace() characters, which str.strip() removes (JavaScript's trim() differs at the edges).
const PYTHON_WHITESPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SURROUNDING_WHITESPACE = new RegExp(`^[${PYTHON_WHITESPACE}]+|[${PYTHON_WHITESPACE}]+$`, 'g');

/** Python's `str.strip()`, which DRF's CharField applies to every input (`trim_whitespace`). */
export function pythonStrip(text: string): string {
  return text.replace(SURROUNDING_WHITESPACE, '');
}

/** Python's `len()`: code points, which is also what PostgreSQL's `varchar(n)` counts. */
export function pythonLength(text: string): number {
  return Array.from(text).length;
}

/** The first lone UTF-16 surrogate in the text, which neither DRF nor PostgreSQL accepts. */
export function loneSurrogateIn(text: string): number | undefined {
  const match = /\p{Surrogate}/u.exec(text);
  return match === null ? undefined : match[0].charCodeAt(0);
}
