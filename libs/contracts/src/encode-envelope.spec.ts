import { validate, version } from 'uuid';
import { readFixtureBytes, readJsonFixture } from '../fixtures/read-fixture';
import { decodeEnvelope } from './decode-envelope';
import { encodeEnvelope } from './encode-envelope';
import { EnvelopeEncodeError } from './envelope-encode.error';
import type { NetBoxEnvelope } from './netbox-envelope';
import { serializeEnvelope } from './serialize-envelope';

interface GoldenRecord {
  topic: string;
  key: string;
  value_fixture: string;
  headers: Record<string, string>;
}

const GOLDEN = readJsonFixture<GoldenRecord>('kafka-record.json');
const BODY = readFixtureBytes(GOLDEN.value_fixture);
const ENVELOPE = JSON.parse(BODY.toString('ascii')) as NetBoxEnvelope;

function encodeSample(eventId?: string, traceparent?: string) {
  return encodeEnvelope(ENVELOPE, {
    objectType: 'validity.compliancereport',
    objectId: 31,
    eventId,
    traceparent,
  });
}

describe('encodeEnvelope', () => {
  it('produces the golden record: topic, key, headers in order, and the body bytes as value', () => {
    const { topic, message } = encodeSample(GOLDEN.headers['event-id'], GOLDEN.headers.traceparent);

    expect(topic).toBe(GOLDEN.topic);
    expect(message.key).toBe(GOLDEN.key);
    expect(message.value).toEqual(BODY);
    expect(Object.entries(message.headers)).toEqual(Object.entries(GOLDEN.headers));
  });

  it('leaves out traceparent when tracing is off', () => {
    const { message } = encodeSample(GOLDEN.headers['event-id']);
    expect(Object.keys(message.headers)).toEqual([
      'event-id',
      'content-type',
      'schema-version',
      'object-type',
      'event',
    ]);
  });

  it('gives each event a new UUIDv7, increasing', () => {
    const ids = Array.from({ length: 1000 }, () => encodeSample().message.headers['event-id']);

    for (const id of ids) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keys records by the object id as a string', () => {
    const { message } = encodeEnvelope(
      { ...ENVELOPE, event: 'deleted', model: 'webhook' },
      { objectType: 'extras.webhook', objectId: '7' },
    );
    expect(message.key).toBe('7');
    expect(message.headers['object-type']).toBe('extras.webhook');
    expect(message.headers.event).toBe('deleted');
  });

  it('refuses an envelope whose model is not the object type', () => {
    expect(() => encodeEnvelope(ENVELOPE, { objectType: 'extras.webhook', objectId: 31 })).toThrow(
      new EnvelopeEncodeError(
        'Envelope model "compliancereport" does not belong to object type "extras.webhook"',
      ),
    );
  });
});

describe('envelope codec round trip', () => {
  it('decodes what it encodes: same bytes, same headers, same envelope', () => {
    const { message } = encodeSample(undefined, GOLDEN.headers.traceparent);
    const decoded = decodeEnvelope({
      key: Buffer.from(message.key),
      value: message.value,
      headers: message.headers,
    });

    expect(decoded).toEqual({
      ok: true,
      envelope: ENVELOPE,
      eventId: message.headers['event-id'],
      objectType: 'validity.compliancereport',
      event: 'created',
      key: '31',
      traceparent: GOLDEN.headers.traceparent,
      raw: BODY,
    });
    if (!decoded.ok) return;
    expect(decoded.raw).toBe(message.value);
    expect(serializeEnvelope(decoded.envelope)).toBe(BODY.toString('ascii'));
  });

  it('reads headers that arrive as Buffers, the way a Kafka client delivers them', () => {
    const { message } = encodeSample();
    const bufferHeaders = Object.fromEntries(
      Object.entries(message.headers).map(([name, value]) => [name, [Buffer.from(value)]]),
    );
    const decoded = decodeEnvelope({ key: null, value: message.value, headers: bufferHeaders });

    expect(decoded).toMatchObject({
      ok: true,
      eventId: message.headers['event-id'],
      key: null,
      traceparent: null,
    });
  });
});
