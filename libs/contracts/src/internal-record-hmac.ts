import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KafkaRecord, OutgoingKafkaMessage } from './kafka-record';
import { TOKENS_TOPIC, WEBHOOK_COMMANDS_TOPIC, WEBHOOK_DEFINITIONS_TOPIC } from './topics';

/**
 * The internal topics whose records grant power (a token that authenticates, a webhook that receives
 * events with its secret). Anyone who can produce to the cluster could otherwise mint an admin token, so
 * their records carry an HMAC that only the services can make (`INTERNAL_TOPIC_HMAC_KEY`).
 *
 * The kind, not the topic a record was read from, enters the HMAC: a dispatcher may read definitions
 * from a renamed topic (`DISPATCHER_WEBHOOKS_TOPIC`), but a token record can never pass as a definition.
 */
export const SIGNED_RECORD_KINDS = [TOKENS_TOPIC, WEBHOOK_DEFINITIONS_TOPIC, WEBHOOK_COMMANDS_TOPIC] as const;
export type SignedRecordKind = (typeof SIGNED_RECORD_KINDS)[number];

/** Header carrying `v1=<hex HMAC-SHA256>`; the version lets a later scheme coexist during a rollout. */
export const INTERNAL_RECORD_HMAC_HEADER = 'internal-record-hmac';
const SCHEME = 'v1';

/** Shortest `INTERNAL_TOPIC_HMAC_KEY` accepted: 32 characters (e.g. 128 bits as hex). */
export const INTERNAL_TOPIC_HMAC_KEY_MIN_LENGTH = 32;

export function isSignedRecordKind(topic: string): topic is SignedRecordKind {
  return (SIGNED_RECORD_KINDS as readonly string[]).includes(topic);
}

/**
 * HMAC-SHA256 over the kind, the record key and the value (a tombstone is signed too, so nobody can
 * delete a token or a webhook either). Every part is length-prefixed, so no two different records share
 * the input. Other headers are not covered: consumers read nothing from them that grants anything.
 */
export function internalRecordHmac(
  hmacKey: string,
  kind: SignedRecordKind,
  key: string | Buffer | null,
  value: Buffer | null,
): string {
  const hmac = createHmac('sha256', Buffer.from(hmacKey, 'utf8'));
  for (const part of [Buffer.from(`validity-internal-record/${SCHEME}`), Buffer.from(kind)]) {
    hmac.update(lengthPrefix(part.length)).update(part);
  }
  const keyBytes = key === null ? null : Buffer.isBuffer(key) ? key : Buffer.from(key, 'utf8');
  for (const part of [keyBytes, value]) {
    if (part === null) hmac.update(Buffer.from([0]));
    else
      hmac
        .update(Buffer.from([1]))
        .update(lengthPrefix(part.length))
        .update(part);
  }
  return hmac.digest('hex');
}

/** The message with its HMAC header set (any earlier one replaced). */
export function signInternalRecord(
  hmacKey: string,
  kind: SignedRecordKind,
  message: OutgoingKafkaMessage,
): OutgoingKafkaMessage {
  const hmac = internalRecordHmac(hmacKey, kind, message.key, message.value);
  return { ...message, headers: { ...message.headers, [INTERNAL_RECORD_HMAC_HEADER]: `${SCHEME}=${hmac}` } };
}

export type InternalRecordCheck =
  { ok: true } | { ok: false; reason: 'missing-record-hmac' | 'invalid-record-hmac'; message: string };

/** Whether a consumed record carries a valid HMAC for its kind; compares in constant time. */
export function verifyInternalRecord(
  hmacKey: string,
  kind: SignedRecordKind,
  record: KafkaRecord,
): InternalRecordCheck {
  const header = record.headers[INTERNAL_RECORD_HMAC_HEADER];
  const values = header === undefined ? [] : Array.isArray(header) ? header : [header];
  if (values.length === 0) {
    return { ok: false, reason: 'missing-record-hmac', message: `no ${INTERNAL_RECORD_HMAC_HEADER} header` };
  }
  const expected = Buffer.from(`${SCHEME}=${internalRecordHmac(hmacKey, kind, record.key, record.value)}`);
  // A repeated header is refused outright: which copy a consumer reads must not matter.
  const presented = values.length === 1 ? Buffer.from(values[0].toString()) : Buffer.alloc(0);
  if (presented.length === expected.length && timingSafeEqual(presented, expected)) return { ok: true };
  return {
    ok: false,
    reason: 'invalid-record-hmac',
    message: `the ${INTERNAL_RECORD_HMAC_HEADER} header does not match the record`,
  };
}

function lengthPrefix(length: number): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(length);
  return prefix;
}
