/** Why a record is not a usable envelope; consumers branch on it (e.g. to dead-letter with a reason). */
export type EnvelopeDecodeReason =
  | 'missing-value'
  | 'invalid-json'
  | 'not-an-envelope'
  | 'missing-header'
  | 'header-mismatch'
  | 'unsupported-schema-version';

/** Returned (never thrown) by `decodeEnvelope`; the message names what is wrong, for logs and dead letters. */
export class EnvelopeDecodeError extends Error {
  override readonly name = 'EnvelopeDecodeError';

  constructor(
    readonly reason: EnvelopeDecodeReason,
    message: string,
  ) {
    super(message);
  }
}
