/**
 * Python's string rules where they differ from JavaScript's: what `str.strip()` removes and what `len()`
 * counts. DRF's `CharField` applies both to every input (`trim_whitespace`, `max_length`).
 */

/** Python's `str.isspace()` characters, as a regex character class body (JavaScript's trim() differs). */
export const PYTHON_WHITESPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SURROUNDING_WHITESPACE = new RegExp(`^[${PYTHON_WHITESPACE}]+|[${PYTHON_WHITESPACE}]+$`, 'g');

/** Python's `str.strip()` without arguments. */
export function pythonStrip(text: string): string {
  return text.replace(SURROUNDING_WHITESPACE, '');
}

/** Python's `len()` of a string: code points, which is also what PostgreSQL's `varchar(n)` counts. */
export function pythonLength(text: string): number {
  return [...text].length;
}

/**
 * The first lone UTF-16 surrogate in the text (`"\ud800"` is valid JSON, and a Python `str`), which
 * neither DRF nor PostgreSQL accepts; a surrogate pair is one non-BMP code point and fine.
 */
export function loneSurrogateIn(text: string): number | undefined {
  const match = /\p{Surrogate}/u.exec(text);
  return match === null ? undefined : match[0].charCodeAt(0);
}
