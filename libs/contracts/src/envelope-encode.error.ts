/** Thrown by `encodeEnvelope` when its arguments disagree, so an inconsistent record is never produced. */
export class EnvelopeEncodeError extends Error {
  override readonly name = 'EnvelopeEncodeError';
}
