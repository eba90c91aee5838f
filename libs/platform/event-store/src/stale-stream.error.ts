/**
 * Another writer appended to the stream since it was read: the caller's decision was based on stale
 * state. Services map it to HTTP 409; nothing of the failed transaction is kept.
 */
export class StaleStreamError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`Stream ${streamId} is no longer at version ${expectedVersion}; reload and retry.`);
    this.name = 'StaleStreamError';
  }
}
