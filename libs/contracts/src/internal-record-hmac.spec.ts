import {
  INTERNAL_RECORD_HMAC_HEADER,
  internalRecordHmac,
  signInternalRecord,
  verifyInternalRecord,
} from './internal-record-hmac';
import type { KafkaRecord, OutgoingKafkaMessage } from './kafka-record';

const KEY = 'k'.repeat(32);
const OTHER_KEY = 'o'.repeat(32);

function consumed(message: OutgoingKafkaMessage): KafkaRecord {
  return { key: Buffer.from(message.key), value: message.value, headers: message.headers };
}

describe('internal record HMAC', () => {
  const message = { key: '7', value: Buffer.from('{"id":7}'), headers: { 'event-id': 'e1' } };

  it('accepts a record signed with the same key and kind, tombstones included', () => {
    const signed = signInternalRecord(KEY, 'users.tokens', message);
    expect(signed.headers[INTERNAL_RECORD_HMAC_HEADER]).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(signed.headers['event-id']).toBe('e1');
    expect(verifyInternalRecord(KEY, 'users.tokens', consumed(signed))).toEqual({ ok: true });
    const tombstone = signInternalRecord(KEY, 'users.tokens', { ...message, value: null });
    expect(verifyInternalRecord(KEY, 'users.tokens', consumed(tombstone))).toEqual({ ok: true });
  });

  it('refuses a record without the header, signed with another key, for another kind, or altered', () => {
    const signed = signInternalRecord(KEY, 'users.tokens', message);
    expect(verifyInternalRecord(KEY, 'users.tokens', consumed(message))).toMatchObject({
      ok: false,
      reason: 'missing-record-hmac',
    });
    const forged = signInternalRecord(OTHER_KEY, 'users.tokens', message);
    const cases: KafkaRecord[] = [
      consumed(forged),
      { ...consumed(signed), value: Buffer.from('{"id":8}') },
      { ...consumed(signed), key: Buffer.from('8') },
      { ...consumed(signed), value: null },
      {
        ...consumed(signed),
        headers: { [INTERNAL_RECORD_HMAC_HEADER]: [signed.headers[INTERNAL_RECORD_HMAC_HEADER], 'v1=00'] },
      },
    ];
    for (const record of cases) {
      expect(verifyInternalRecord(KEY, 'users.tokens', record)).toMatchObject({
        ok: false,
        reason: 'invalid-record-hmac',
      });
    }
    expect(verifyInternalRecord(KEY, 'webhook-registry.webhooks', consumed(signed)).ok).toBe(false);
  });

  it('keeps key and value apart: moving bytes between them changes the HMAC', () => {
    expect(internalRecordHmac(KEY, 'users.tokens', 'ab', Buffer.from('c'))).not.toBe(
      internalRecordHmac(KEY, 'users.tokens', 'a', Buffer.from('bc')),
    );
    expect(internalRecordHmac(KEY, 'users.tokens', '', null)).not.toBe(
      internalRecordHmac(KEY, 'users.tokens', null, Buffer.alloc(0)),
    );
  });
});
