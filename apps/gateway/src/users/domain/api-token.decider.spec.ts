import { encodeApiTokenRecord, TOKENS_TOPIC } from '@validity/contracts';
import { foldStream, type NewEvent, type StoredEvent } from '@validity/platform/event-store';
import { InternalRecordAuthenticator } from '@validity/platform/kafka';
import type { ApiToken } from './api-token';
import { apiTokenDecider } from './api-token.decider';

const issued: ApiToken = {
  id: 7,
  userId: 1,
  username: 'admin',
  keySha256: 'c'.repeat(64),
  keyHint: 'cccccc',
  writeEnabled: true,
  expires: new Date('2031-02-03T04:05:06.789Z'),
  description: 'ci runner \u00e9',
  created: new Date('2026-01-02T03:04:05.678Z'),
  lastUsed: null,
  deletedAt: null,
};

/** The events as the store gives them back. */
const stored = (events: readonly NewEvent[]): StoredEvent[] =>
  events.map((event, index) => ({
    position: String(index + 1),
    streamId: 'api-token-7',
    version: index + 1,
    type: event.type,
    payload: event.record.message.value,
    headers: event.record.message.headers,
  }));

const given = (events: readonly NewEvent[]) => foldStream(stored(events), apiTokenDecider).state;

describe('an API token stream (given events, when a command, then events)', () => {
  const issuedEvents = apiTokenDecider.decide({ issue: issued }, null);

  it('issues a token whose record is the one users.tokens always carried, signed the same way', () => {
    const [event] = issuedEvents;
    const record = {
      id: 7,
      user: { id: 1, username: 'admin' },
      key_sha256: 'c'.repeat(64),
      write_enabled: true,
      expires: '2031-02-03T04:05:06.789Z',
    };
    expect(event.type).toBe('ApiTokenIssued');
    expect(event.record.topic).toBe(TOKENS_TOPIC);
    expect(event.record.message.key).toBe('7');
    expect(event.record.message.value).toEqual(encodeApiTokenRecord(record));
    const authenticator = new InternalRecordAuthenticator('k'.repeat(32));
    const hmacOf = (message: { headers: Record<string, string> }) => message.headers['internal-record-hmac'];
    expect(hmacOf(authenticator.signForTopic(TOKENS_TOPIC, event.record.message))).toBe(
      hmacOf(
        authenticator.sign(TOKENS_TOPIC, { key: '7', value: encodeApiTokenRecord(record), headers: {} }),
      ),
    );
  });

  it('rebuilds the whole token from its events alone', () => {
    expect(given(issuedEvents)).toEqual(issued);
  });

  it('changes only what the command names, and appends nothing when nothing changes', () => {
    const state = given(issuedEvents);
    const [changed] = apiTokenDecider.decide({ change: { description: 'renamed', expires: null } }, state);
    expect(given([...issuedEvents, changed])).toEqual({ ...issued, description: 'renamed', expires: null });
    expect(apiTokenDecider.decide({ change: { writeEnabled: true } }, state)).toEqual([]);
  });

  it('revokes with a tombstone, keeps the revoked token, and changes it no more unless restored', () => {
    const at = new Date('2026-05-06T07:08:09.010Z');
    const [revoked] = apiTokenDecider.decide({ revoke: at }, given(issuedEvents));
    expect(revoked.record.message.value).toBeNull();
    const state = given([...issuedEvents, revoked]);
    expect(state).toEqual({ ...issued, deletedAt: at });
    expect(() => apiTokenDecider.decide({ revoke: at }, state)).toThrow();
    expect(() => apiTokenDecider.decide({ change: { description: 'late' } }, state)).toThrow();
    const [restored] = apiTokenDecider.decide({ change: { deletedAt: null } }, state);
    expect(given([...issuedEvents, revoked, restored])).toEqual(issued);
  });

  it('refuses to change a token that was never issued, and to issue one twice', () => {
    expect(() => apiTokenDecider.decide({ change: { description: 'x' } }, null)).toThrow();
    expect(() => apiTokenDecider.decide({ issue: issued }, given(issuedEvents))).toThrow();
  });
});
