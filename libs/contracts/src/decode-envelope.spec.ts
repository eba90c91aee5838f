import { readFixtureBytes } from '../fixtures/read-fixture';
import { decodeEnvelope, type DecodeResult } from './decode-envelope';
import { EnvelopeDecodeError, type EnvelopeDecodeReason } from './envelope-decode.error';
import type { KafkaHeaders, KafkaRecord } from './kafka-record';
import { encodeOperationalEvent } from './operational-events';

const BODY = readFixtureBytes('netbox-3.6-report-created.json');
const HEADERS = {
  'event-id': '01890a5d-ac96-774b-bcce-b302099a8057',
  'content-type': 'application/json',
  'schema-version': '1',
  'object-type': 'validity.compliancereport',
  event: 'created',
};

function record(overrides: { value?: Buffer | null; headers?: KafkaHeaders } = {}): KafkaRecord {
  return { key: Buffer.from('31'), value: BODY, headers: HEADERS, ...overrides };
}

function bodyWith(changes: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify({ ...JSON.parse(BODY.toString()), ...changes }));
}

function expectFailure(result: DecodeResult, reason: EnvelopeDecodeReason, message: string): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toBeInstanceOf(EnvelopeDecodeError);
  expect(result.error.name).toBe('EnvelopeDecodeError');
  expect(result.error.reason).toBe(reason);
  expect(result.error.message).toBe(message);
}

describe('decodeEnvelope', () => {
  it('accepts the reference body with contract headers', () => {
    expect(decodeEnvelope(record())).toMatchObject({ ok: true, eventId: HEADERS['event-id'], key: '31' });
  });

  it.each([
    [
      'NetBox 3.6 (model, null data, no snapshots)',
      '{"event": "job_ended", "timestamp": "2024-01-10T08:16:00.000001+00:00", "model": "datasource", "username": "admin", "request_id": null, "data": null}',
      'job_ended',
      {},
    ],
    [
      'NetBox 4.6 (object_type, the job data)',
      '{"event": "job_started", "timestamp": "2025-11-03T10:22:00.000002+00:00", "object_type": "core.datasource", "username": null, "request_id": null, "data": {"id": 3}}',
      'job_started',
      { id: 3 },
    ],
  ])('reads a job event of %s, with empty snapshots', (_, body, event, data) => {
    const raw = Buffer.from(body);
    const result = decodeEnvelope(
      record({ value: raw, headers: { ...HEADERS, 'object-type': 'core.datasource', event } }),
    );
    expect(result).toMatchObject({
      ok: true,
      event,
      objectType: 'core.datasource',
      envelope: { event, model: 'datasource', data, snapshots: { prechange: null, postchange: null } },
    });
    expect(result.ok && result.raw.equals(raw)).toBe(true);
  });

  it('still requires snapshots of an object event', () => {
    const withoutSnapshots = JSON.parse(BODY.toString()) as Record<string, unknown>;
    delete withoutSnapshots.snapshots;
    expectFailure(
      decodeEnvelope(record({ value: Buffer.from(JSON.stringify(withoutSnapshots)) })),
      'not-an-envelope',
      'The envelope has no "snapshots" key',
    );
  });

  it.each([
    ['a tombstone', null],
    ['an empty value', Buffer.alloc(0)],
  ])('reports missing-value for %s', (_, value) => {
    expectFailure(
      decodeEnvelope(record({ value })),
      'missing-value',
      'The record has no value (a tombstone or an empty message)',
    );
  });

  it.each([
    ['text', Buffer.from('not json'), 'The value is not UTF-8 JSON: Unexpected token'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'The value is not UTF-8 JSON: The encoded data'],
    [
      'a byte order mark',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), BODY]),
      'The value is not UTF-8 JSON',
    ],
    ['truncated JSON', BODY.subarray(0, BODY.length - 1), 'The value is not UTF-8 JSON'],
  ])('reports invalid-json for %s', (_, value, messageStart) => {
    const result = decodeEnvelope(record({ value }));
    expect(result).toMatchObject({ ok: false, error: { reason: 'invalid-json' } });
    if (!result.ok) expect(result.error.message.startsWith(messageStart)).toBe(true);
  });

  it.each([
    ['a JSON array', Buffer.from('[]'), 'The value is an array, expected a JSON object'],
    ['a JSON string', Buffer.from('"created"'), 'The value is string "created", expected a JSON object'],
    ['JSON null', Buffer.from('null'), 'The value is null, expected a JSON object'],
    [
      'an object without snapshots',
      Buffer.from('{"event": "created"}'),
      'The envelope has no "timestamp" key',
    ],
    [
      'an unknown event',
      bodyWith({ event: 'exploded' }),
      '"event" must be created, updated, deleted, job_started or job_ended, got string "exploded"',
    ],
    ['a numeric timestamp', bodyWith({ timestamp: 5 }), '"timestamp" must be a string, got number 5'],
    ['an empty model', bodyWith({ model: '' }), '"model" must be a non-empty string, got string ""'],
    ['a numeric username', bodyWith({ username: 42 }), '"username" must be a string or null, got number 42'],
    [
      'a boolean request_id',
      bodyWith({ request_id: true }),
      '"request_id" must be a string or null, got boolean true',
    ],
    ['data as an array', bodyWith({ data: [] }), '"data" must be an object, got an array'],
    ['null snapshots', bodyWith({ snapshots: null }), '"snapshots" must be an object, got null'],
    [
      'a string prechange',
      bodyWith({ snapshots: { prechange: 'x', postchange: null } }),
      '"snapshots.prechange" must be an object or null, got string "x"',
    ],
    [
      'a missing postchange',
      bodyWith({ snapshots: { prechange: null } }),
      '"snapshots.postchange" must be an object or null, got nothing',
    ],
  ])('reports not-an-envelope for %s', (_, value, message) => {
    expectFailure(decodeEnvelope(record({ value })), 'not-an-envelope', message);
  });

  it.each(Object.keys(HEADERS))('reports missing-header when %s is absent', (name) => {
    const headers = Object.fromEntries(Object.entries(HEADERS).filter(([header]) => header !== name));
    expectFailure(
      decodeEnvelope(record({ headers })),
      'missing-header',
      `Header ${name} is missing or empty`,
    );
  });

  it.each([
    ['empty', ''],
    ['an empty list', []],
  ])('reports missing-header when event-id is %s', (_, value) => {
    const headers = { ...HEADERS, 'event-id': value };
    expectFailure(
      decodeEnvelope(record({ headers })),
      'missing-header',
      'Header event-id is missing or empty',
    );
  });

  it.each<[string, KafkaHeaders, string]>([
    [
      'the event header disagrees with the body',
      { ...HEADERS, event: 'updated' },
      'Header event is "updated" but the body\'s event is "created"',
    ],
    [
      'the object type is another model',
      { ...HEADERS, 'object-type': 'extras.webhook' },
      'Header object-type is "extras.webhook" but the body\'s model is "compliancereport"',
    ],
    [
      'the object type lacks an app label',
      { ...HEADERS, 'object-type': 'compliancereport' },
      'Header object-type is "compliancereport" but the body\'s model is "compliancereport"',
    ],
    [
      'the object type has an extra part',
      { ...HEADERS, 'object-type': 'x.validity.compliancereport' },
      'Header object-type is "x.validity.compliancereport" but the body\'s model is "compliancereport"',
    ],
    [
      'the content type is not JSON',
      { ...HEADERS, 'content-type': 'text/plain' },
      'Header content-type is "text/plain", expected "application/json"',
    ],
    [
      'a header is repeated',
      { ...HEADERS, event: ['created', 'created'] },
      'Header event appears 2 times, expected once',
    ],
  ])('reports header-mismatch when %s', (_, headers, message) => {
    expectFailure(decodeEnvelope(record({ headers })), 'header-mismatch', message);
  });

  it('reports unsupported-schema-version for a version it does not know', () => {
    expectFailure(
      decodeEnvelope(record({ headers: { ...HEADERS, 'schema-version': '2' } })),
      'unsupported-schema-version',
      'Header schema-version is "2", this decoder reads "1"',
    );
  });

  it('tolerates body keys added by later NetBox versions, keeping the raw bytes', () => {
    const value = bodyWith({ object_type: 'validity.compliancereport' });
    const result = decodeEnvelope(record({ value }));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.envelope)).toEqual([
      'event',
      'timestamp',
      'model',
      'username',
      'request_id',
      'data',
      'snapshots',
    ]);
    expect(result.raw).toBe(value);
  });

  it('never throws on random bytes and random headers, and accepts none of them', () => {
    const random = seededRandom(20240110);
    const bytes = (maxLength: number) =>
      Buffer.from(Array.from({ length: Math.floor(random() * maxLength) }, () => Math.floor(random() * 256)));
    const results: DecodeResult[] = [];

    for (let i = 0; i < 1000; i++) {
      const headers: KafkaHeaders =
        i % 2 === 0 ? HEADERS : { ...HEADERS, event: bytes(8), 'object-type': bytes(8) };
      const value = i % 3 === 0 ? Buffer.concat([Buffer.from('{"event": '), bytes(64)]) : bytes(256);
      results.push(decodeEnvelope({ key: i % 5 === 0 ? null : bytes(16), value, headers }));
    }

    const reasons = new Set(results.map((result) => (result.ok ? 'accepted' : result.error.reason)));
    expect([...reasons].sort()).toEqual(['invalid-json', 'missing-header', 'missing-value']);
  });
});

// mulberry32: a tiny deterministic generator, so a failure can be replayed.
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('decodeEnvelope with operational events (issue 18)', () => {
  const record = encodeOperationalEvent({
    objectType: 'validity-events.webhook',
    event: 'disabled',
    objectId: 7,
    username: 'validity-events',
    at: new Date('2026-12-02T12:00:00.123Z'),
    data: { webhook: { id: 7, url: '/api/extras/webhooks/7/', name: 'hook' }, cause: 'gone' },
  });

  it('reads them like object events, on their own topic', () => {
    expect(record.topic).toBe('validity-events.webhook.disabled');
    const decoded = decodeEnvelope({ ...record.message, key: Buffer.from(record.message.key) });
    expect(decoded).toMatchObject({
      ok: true,
      event: 'disabled',
      objectType: 'validity-events.webhook',
      key: '7',
    });
  });

  it('refuses an operational event under an object type that is not operational, and the reverse', () => {
    const forged = {
      ...record.message,
      key: null,
      headers: { ...record.message.headers, 'object-type': 'extras.webhook' },
    };
    expect(decodeEnvelope(forged)).toMatchObject({ ok: false });
  });
});
