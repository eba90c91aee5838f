/**
 * Thrown by a consumer's handler when retrying cannot help (the record itself is unusable).
 * The runner dead-letters the record with this reason and moves on; any other error is retried.
 */
export class PermanentFailure extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentFailure';
  }
}
