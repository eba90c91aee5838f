/**
 * What public topics, read-only tokens and the delivery log show instead of a secret: whether one is
 * set, never its value (an empty value stays empty, so "none set" is still visible).
 */
export const MASKED_SECRET = '********';

/** A secret value masked: `********` when set, `''` when empty. */
export function maskedSecret(secret: string): string {
  return secret === '' ? '' : MASKED_SECRET;
}

/** `Name: value` lines (the registry accepts no other) with each non-empty value masked. */
export function maskedHeaderValues(headers: string): string {
  // `.` stops at \n, \r, U+2028 and U+2029, all line breaks for Python's splitlines() too.
  return headers.replace(/^([^:\r\n\u2028\u2029]*:)[ \t]*\S.*$/gmu, `$1 ${MASKED_SECRET}`);
}

/** `scheme://user:password@host/...` with the password masked; anything else as it is. */
export function maskedUrlPassword(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#@:]*:)[^/?#@]+@/, `$1${MASKED_SECRET}@`);
}
