/**
 * RE2 source (as the `re2js` engine reads it) for the pieces of a Python pattern whose meaning differs
 * between the two engines. Python's `\d`, `\w`, `\s` and `\b` are Unicode-aware for str patterns
 * (ASCII-only under `(?a)`), its `.` excludes only `\n`, and its `$` also matches before a final newline.
 * RE2 has no lookahead, so every piece here is either consuming or an RE2 assertion (`\A`, `\z`,
 * `(?m:^)`, `(?m:$)`, the ASCII `\b`/`\B`) or a captureless lookbehind.
 */

export type Category = 'd' | 'D' | 's' | 'S' | 'w' | 'W';

type CodeRange = readonly [low: number, high: number];

// Python's Unicode \s: str.isspace(), which unlike JavaScript's \s includes U+001C..U+001F and U+0085
// and excludes U+FEFF. \w is str.isalnum() plus "_", which is exactly letters and numbers (checked
// against every code point with Python 3.11).
const UNICODE_SPACE: readonly CodeRange[] = [
  [0x09, 0x0d],
  [0x1c, 0x20],
  [0x85, 0x85],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
];
const ASCII_DIGIT: readonly CodeRange[] = [[0x30, 0x39]];
const ASCII_WORD: readonly CodeRange[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const ASCII_SPACE: readonly CodeRange[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
];
const MAX_CODE_POINT = 0x10ffff;

/** The Unicode word class, whose complement RE2 cannot write as members of a class. */
export const UNICODE_WORD_MEMBERS = String.raw`\p{L}\p{N}_`;

/**
 * The category as members of an RE2 character class, or `undefined` for the one category that has no
 * such form (Unicode `\W`, the complement of a union of properties): the caller builds it from
 * `UNICODE_WORD_MEMBERS` instead.
 */
export function categoryClassMembers(category: Category, ascii: boolean): string | undefined {
  if (ascii) {
    const ranges = { d: ASCII_DIGIT, w: ASCII_WORD, s: ASCII_SPACE }[
      category.toLowerCase() as 'd' | 'w' | 's'
    ];
    return rangesSource(category === category.toLowerCase() ? ranges : complement(ranges));
  }
  switch (category) {
    case 'd':
      return String.raw`\p{Nd}`;
    case 'D':
      return String.raw`\P{Nd}`;
    case 'w':
      return UNICODE_WORD_MEMBERS;
    case 'W':
      return undefined;
    case 's':
      return rangesSource(UNICODE_SPACE);
    case 'S':
      return rangesSource(complement(UNICODE_SPACE));
  }
}

/** The category on its own, outside a class. */
export function categoryAtom(category: Category, ascii: boolean): string {
  const members = categoryClassMembers(category, ascii);
  return members === undefined ? `[^${UNICODE_WORD_MEMBERS}]` : `[${members}]`;
}

/**
 * Python's IGNORECASE also equates `i` and `I` with the Turkish `İ` (U+0130) and `ı` (U+0131)
 * (`re._casefix`); RE2's simple case folding does not.
 */
const DOTTED_AND_DOTLESS_I = [0x49, 0x69, 0x130, 0x131];
const ANY_I_MEMBERS = String.raw`Ii\x{130}\x{131}`;

/** One code point as a literal outside a class. */
export function literalSource(code: number, ignoreCase: boolean): string {
  if (ignoreCase && DOTTED_AND_DOTLESS_I.includes(code)) return `[${ANY_I_MEMBERS}]`;
  return codeSource(code);
}

/** One code point as members of a class (RE2 classes do not nest). */
export function literalMembers(code: number, ignoreCase: boolean): string {
  if (ignoreCase && DOTTED_AND_DOTLESS_I.includes(code)) return ANY_I_MEMBERS;
  return codeSource(code);
}

/** A class range `low-high`. */
export function rangeSource(low: number, high: number, ignoreCase: boolean): string {
  const range = `${codeSource(low)}-${codeSource(high)}`;
  const coversAnyI = DOTTED_AND_DOTLESS_I.some((code) => low <= code && code <= high);
  return ignoreCase && coversAnyI ? `${range}${ANY_I_MEMBERS}` : range;
}

function codeSource(code: number): string {
  const char = String.fromCodePoint(code);
  return /^[A-Za-z0-9]$/.test(char) ? char : `\\x{${code.toString(16).toUpperCase()}}`;
}

function rangesSource(ranges: readonly CodeRange[]): string {
  return ranges
    .map(([low, high]) => (low === high ? codeSource(low) : `${codeSource(low)}-${codeSource(high)}`))
    .join('');
}

/** The code points not in `ranges` (sorted, disjoint). */
function complement(ranges: readonly CodeRange[]): CodeRange[] {
  const result: CodeRange[] = [];
  let next = 0;
  for (const [low, high] of ranges) {
    if (low > next) result.push([next, low - 1]);
    next = high + 1;
  }
  if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
  return result;
}

export type Anchor = '^' | '$' | '\\A' | '\\Z' | '\\b' | '\\B';

/**
 * Python's `$` without `(?m)`: the end, or before a final newline. RE2 cannot assert "a newline, then
 * the end" without consuming it, so this consumes the final newline; that gives `re.match`'s answer
 * exactly when nothing follows the `$` in the pattern, which the translator checks.
 */
export const END_OF_SUBJECT_OR_FINAL_NEWLINE = String.raw`(?:\n?\z)`;

/**
 * Python's zero-width assertions in RE2. `\b`/`\B` are RE2's ASCII ones, Python's under `(?a)` (the
 * translator refuses the Unicode ones); `\B` on an empty subject is handled by the caller, since
 * CPython before 3.14 fails there.
 */
export function anchorSource(anchor: Exclude<Anchor, '$'>, multiline: boolean): string {
  switch (anchor) {
    case '^':
      return multiline ? '(?m:^)' : String.raw`\A`;
    case '\\A':
      return String.raw`\A`;
    case '\\Z':
      return String.raw`\z`;
    case '\\b':
      return String.raw`\b`;
    case '\\B':
      return String.raw`\B`;
  }
}

/** Python's `$` under `(?m)`: before any newline or at the end. */
export const END_OF_LINE = '(?m:$)';

/** Python's `.`: anything but `\n`, or anything at all under `(?s)`. */
export function anySource(dotAll: boolean): string {
  return dotAll ? String.raw`[\x{0}-\x{10FFFF}]` : String.raw`[^\n]`;
}

/** A class that matches nothing: Python's `\B` on an empty subject. */
export const NOTHING = String.raw`[^\x{0}-\x{10FFFF}]`;
