import { decodeApiTokenRecord, encodeApiTokenRecord, type ApiTokenRecord } from './api-token-record';

const record: ApiTokenRecord = {
  id: 7,
  user: { id: 1, username: 'admin' },
  key_sha256: 'a'.repeat(64),
  write_enabled: false,
  expires: '2030-01-01T00:00:00.000Z',
};

describe('API token records', () => {
  it('round-trips through its encoding', () => {
    expect(decodeApiTokenRecord(encodeApiTokenRecord(record))).toEqual({ ok: true, value: record });
  });

  it.each([
    ['not JSON', '{', 'invalid-json'],
    [
      'a key hash that is not SHA-256 hex',
      JSON.stringify({ ...record, key_sha256: 'abc' }),
      'not-a-token-record',
    ],
    ['a missing user', JSON.stringify({ ...record, user: null }), 'not-a-token-record'],
    ['an unparseable expiry', JSON.stringify({ ...record, expires: 'soon' }), 'not-a-token-record'],
  ])('reports %s without throwing', (_case, text, reason) => {
    const outcome = decodeApiTokenRecord(Buffer.from(text));
    expect(outcome.ok ? 'accepted' : outcome.reason).toBe(reason);
  });
});
