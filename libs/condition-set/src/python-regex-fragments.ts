/**
 * JavaScript (`v`-flag) source for the pieces of a Python pattern whose meaning differs between the two
 * engines. Python's `\d`, `\w`, `\s` and `\b` are Unicode-aware for str patterns (ASCII-only under
 * `(?a)`), its `.` excludes only `\n`, and its `$` also matches before a final newline.
 */

export type Category = 'd' | 'D' | 's' | 'S' | 'w' | 'W';

// Python's Unicode \s: str.isspace(), which unlike JavaScript's \s includes U+001C..U+001F and U+0085
// and excludes U+FEFF. \w is str.isalnum() plus "_", which is exactly letters and numbers (checked
// against every code point with Python 3.11).
const UNICODE_CLASSES = {
  digit: '\\p{Nd}',
  word: '\\p{L}\\p{N}_',
  space: String.raw`\t-\r\x1C-\x20\x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000`,
};
const ASCII_CLASSES = { digit: '0-9', word: 'A-Za-z0-9_', space: String.raw`\t-\r\x20` };

/** The category as members of a `v`-mode character class (negations become a nested class). */
export function categoryClassMembers(category: Category, ascii: boolean): string {
  const classes = ascii ? ASCII_CLASSES : UNICODE_CLASSES;
  switch (category) {
    case 'd':
      return classes.digit;
    case 'D':
      return `[^${classes.digit}]`;
    case 'w':
      return classes.word;
    case 'W':
      return `[^${classes.word}]`;
    case 's':
      return classes.space;
    case 'S':
      return `[^${classes.space}]`;
  }
}

/** The category on its own, outside a class. */
export function categoryAtom(category: Category, ascii: boolean): string {
  return `[${categoryClassMembers(category, ascii)}]`;
}

/**
 * Python's IGNORECASE also equates `i` and `I` with the Turkish `İ` (U+0130) and `ı` (U+0131)
 * (`re._casefix`); JavaScript's simple case folding does not. Comparing every code point shows this is
 * the only difference between the two among characters both Unicode versions know.
 */
const DOTTED_AND_DOTLESS_I = [0x49, 0x69, 0x130, 0x131];
const ANY_I = String.raw`[Ii\u{130}\u{131}]`;

/** One code point as a literal, valid inside and outside a `v`-mode class whatever the character. */
export function literalSource(code: number, ignoreCase: boolean): string {
  if (ignoreCase && DOTTED_AND_DOTLESS_I.includes(code)) return ANY_I;
  const char = String.fromCodePoint(code);
  return /^[A-Za-z0-9]$/.test(char) ? char : `\\u{${code.toString(16).toUpperCase()}}`;
}

/** A class range `low-high`. */
export function rangeSource(low: number, high: number, ignoreCase: boolean): string {
  const range = `${literalSource(low, false)}-${literalSource(high, false)}`;
  const coversAnyI = DOTTED_AND_DOTLESS_I.some((code) => low <= code && code <= high);
  return ignoreCase && coversAnyI ? `${range}${ANY_I}` : range;
}

export type Anchor = '^' | '$' | '\\A' | '\\Z' | '\\b' | '\\B';

const START_OF_STRING = String.raw`(?<![\s\S])`;
const END_OF_STRING = String.raw`(?![\s\S])`;

/**
 * Python's zero-width assertions. `^`/`$` follow `(?m)`; `\B` fails on an empty string (CPython before
 * 3.14), where a plain "not a boundary" would succeed.
 */
export function anchorSource(anchor: Anchor, multiline: boolean, ascii: boolean): string {
  const word = categoryAtom('w', ascii);
  switch (anchor) {
    case '^':
      return multiline ? String.raw`(?<![^\n])` : START_OF_STRING;
    case '$':
      return multiline ? String.raw`(?![^\n])` : String.raw`(?=\n?(?![\s\S]))`;
    case '\\A':
      return START_OF_STRING;
    case '\\Z':
      return END_OF_STRING;
    case '\\b':
      return `(?:(?<=${word})(?!${word})|(?<!${word})(?=${word}))`;
    case '\\B':
      return String.raw`(?:(?=[\s\S])|(?<=[\s\S]))` + `(?:(?<=${word})(?=${word})|(?<!${word})(?!${word}))`;
  }
}

/** Python's `.`: anything but `\n`, or anything at all under `(?s)`. */
export function anySource(dotAll: boolean): string {
  return dotAll ? String.raw`[\s\S]` : String.raw`[^\n]`;
}
