/**
 * Python's `repr()` of the two literals both Python emulations print (condition-set's error messages,
 * the Jinja2 sandbox's output): numbers and strings exactly as CPython writes them.
 */

/** CPython's float/int repr of a JSON number. */
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
