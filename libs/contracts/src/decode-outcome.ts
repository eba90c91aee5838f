/** What a consumer makes of one record: a value to handle, or a reason to dead-letter it. */
export type DecodeOutcome<T> = { ok: true; value: T } | { ok: false; reason: string; message: string };
