/** A pattern Python accepts but that has no faithful JavaScript translation (see README). */
export class UnsupportedRegexError extends Error {
  override readonly name = 'UnsupportedRegexError';
}
