/** One line of a text as Python's `str.splitlines()` cuts it, with where it sits in the text. */
export interface PythonLine {
  text: string;
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past its last character, before its line break. */
  end: number;
  /** Offset just past its line break (`end` for a last line without one). */
  next: number;
}

// Python's str.splitlines() boundaries: more than \n, \r\n and \r, several of them control characters.
// eslint-disable-next-line no-control-regex -- the control characters are the point
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
const ANY_LINE_BREAK = new RegExp(LINE_BREAK.source);

/**
 * Python's `str.splitlines()`, which NetBox applies to rendered `additional_headers`: a line break at the
 * very end gives no empty last line, and an empty text gives no lines.
 */
export function pythonLines(text: string): PythonLine[] {
  const lines: PythonLine[] = [];
  let start = 0;
  for (const match of text.matchAll(LINE_BREAK)) {
    const end = match.index;
    const next = end + match[0].length;
    lines.push({ text: text.slice(start, end), start, end, next });
    start = next;
  }
  if (start < text.length)
    lines.push({ text: text.slice(start), start, end: text.length, next: text.length });
  return lines;
}

/** Python's `str.splitlines()`, the lines only. */
export function pythonSplitLines(text: string): string[] {
  return pythonLines(text).map((line) => line.text);
}

/** Whether `text` holds a character `str.splitlines()` cuts at. */
export function hasPythonLineBreak(text: string): boolean {
  return ANY_LINE_BREAK.test(text);
}
