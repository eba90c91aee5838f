import { checkKafkaRecord, type RecordUnderCheck } from './check-kafka-record';

const DOCUMENT = {
  defaultContentType: 'application/json',
  channels: {
    reports: {
      address: 'reports.created',
      messages: { created: { $ref: '#/components/messages/created' } },
    },
    mixed: {
      address: 'mixed',
      messages: {
        text: { $ref: '#/components/messages/text' },
        anything: { $ref: '#/components/messages/any' },
      },
    },
  },
  components: {
    messages: {
      created: {
        headers: { type: 'object', properties: { event: { const: 'created' } }, required: ['event'] },
        payload: { type: 'object', properties: { id: { type: 'integer' }, url: {} }, required: ['id'] },
        bindings: { kafka: { key: { type: 'string', pattern: '^[0-9]+$' } } },
      },
      text: { contentType: 'text/plain', payload: { type: 'string' } },
      any: { contentType: 'application/octet-stream', payload: {} },
    },
  },
};

const record = (overrides: Partial<RecordUnderCheck> = {}): RecordUnderCheck => ({
  topic: 'reports.created',
  key: '31',
  value: Buffer.from('{"id": 31, "url": "/r/31/"}'),
  headers: { event: 'created' },
  ...overrides,
});

describe('checkKafkaRecord', () => {
  it('accepts a record whose key, headers and JSON payload fit its channel message', () => {
    expect(checkKafkaRecord(DOCUMENT, record())).toEqual([]);
  });

  it('names every part that does not fit', () => {
    expect(
      checkKafkaRecord(
        DOCUMENT,
        record({
          key: null,
          headers: { event: 'deleted' },
          value: Buffer.from('{"url": "/r/31/", "id": "31"}'),
        }),
      ),
    ).toEqual([
      'created: key $: expected string, got null',
      'created: headers $.event: expected "created", got "deleted"',
      'created: payload $.id: expected integer, got string "31"',
      'created: payload $: keys in order url, id, expected id, url',
    ]);
    expect(checkKafkaRecord(DOCUMENT, record({ value: Buffer.from('{not json') }))).toEqual([
      'created: payload: not JSON',
    ]);
  });

  it('refuses a topic the document has no channel for', () => {
    expect(checkKafkaRecord(DOCUMENT, record({ topic: 'users.tokens' }))).toEqual([
      'no channel has the address users.tokens',
    ]);
  });

  it('requires a record to match exactly one of its channel messages', () => {
    expect(checkKafkaRecord(DOCUMENT, record({ topic: 'mixed', value: Buffer.from('x') }))).toEqual([
      'the record matches text, anything; expected exactly one',
    ]);
  });
});
