import { type DecodeOutcome } from './decode-outcome';

/**
 * One API token as published on the compacted internal topic `users.tokens` (key = token id). Only the
 * SHA-256 of the key travels: every service can check a presented key without anyone storing it.
 * A tombstone (null value) under the id means the token was deleted.
 */
export interface ApiTokenRecord {
  id: number;
  user: { id: number; username: string };
  key_sha256: string;
  write_enabled: boolean;
  /** ISO 8601 instant after which the token is refused, or null for never. */
  expires: string | null;
}

export function encodeApiTokenRecord(record: ApiTokenRecord): Buffer {
  return Buffer.from(JSON.stringify(record), 'utf8');
}

/** Never throws: a malformed record is reported so the consumer can dead-letter it. */
export function decodeApiTokenRecord(value: Buffer): DecodeOutcome<ApiTokenRecord> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: 'invalid-json', message: (error as Error).message };
  }
  if (!isApiTokenRecord(parsed)) {
    return { ok: false, reason: 'not-a-token-record', message: 'The value is not an API token record' };
  }
  return { ok: true, value: parsed };
}

function isApiTokenRecord(value: unknown): value is ApiTokenRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const user = record.user as Record<string, unknown> | null | undefined;
  return (
    Number.isInteger(record.id) &&
    typeof user === 'object' &&
    user !== null &&
    Number.isInteger(user.id) &&
    typeof user.username === 'string' &&
    typeof record.key_sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(record.key_sha256) &&
    typeof record.write_enabled === 'boolean' &&
    (record.expires === null ||
      (typeof record.expires === 'string' && !Number.isNaN(Date.parse(record.expires))))
  );
}
