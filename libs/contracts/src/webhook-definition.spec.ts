import {
  decodeWebhookDefinition,
  encodeWebhookDefinition,
  webhookDefinitionTombstone,
  type WebhookDefinition,
} from './webhook-definition';

const definition: WebhookDefinition = {
  id: 7,
  name: 'sample_webhook',
  content_types: ['validity.compliancereport'],
  type_create: true,
  type_update: false,
  type_delete: false,
  type_job_start: false,
  type_job_end: false,
  payload_url: 'http://localhost:9000/api/webhook/',
  enabled: true,
  http_method: 'POST',
  http_content_type: 'application/json',
  additional_headers: 'X-Token: abc',
  body_template: '',
  secret: 's3cr3t',
  conditions: { and: [{ attr: 'total_passed', value: 0, op: 'gt' }] },
  ssl_verification: true,
  ca_file_path: null,
  timeout: 30,
  created: '2023-04-12T19:30:02.118204Z',
  last_updated: '2023-04-12T19:30:02.118225Z',
};

describe('webhook definition records', () => {
  it('are keyed by webhook id on the internal topic, secret included, and round-trip', () => {
    const { topic, message } = encodeWebhookDefinition(definition, '0190a6b4-0000-7000-8000-000000000001');
    expect(topic).toBe('webhook-registry.webhooks');
    expect(message.key).toBe('7');
    expect(message.headers).toEqual({
      'event-id': '0190a6b4-0000-7000-8000-000000000001',
      'content-type': 'application/json',
      'schema-version': '1',
    });
    expect(JSON.parse(message.value!.toString()).secret).toBe('s3cr3t');
    expect(decodeWebhookDefinition(message.value!)).toEqual({ ok: true, value: definition });
  });

  it('give every record its own event id unless one is passed', () => {
    const first = encodeWebhookDefinition(definition).message.headers['event-id'];
    const second = encodeWebhookDefinition(definition).message.headers['event-id'];
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(second).not.toBe(first);
  });

  it('delete a webhook with a tombstone under its id', () => {
    const { topic, message } = webhookDefinitionTombstone(7);
    expect([topic, message.key, message.value]).toEqual(['webhook-registry.webhooks', '7', null]);
    expect(message.headers['event-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['not JSON', '{', 'invalid-json'],
    ['a JSON array', '[]', 'not-a-webhook-definition'],
    ['a missing secret', JSON.stringify({ ...definition, secret: undefined }), 'not-a-webhook-definition'],
    [
      'a lower-case method',
      JSON.stringify({ ...definition, http_method: 'post' }),
      'not-a-webhook-definition',
    ],
    [
      'a numeric content type',
      JSON.stringify({ ...definition, content_types: [1] }),
      'not-a-webhook-definition',
    ],
    ['a zero id', JSON.stringify({ ...definition, id: 0 }), 'not-a-webhook-definition'],
    ['a timeout out of range', JSON.stringify({ ...definition, timeout: 0 }), 'not-a-webhook-definition'],
    [
      'missing conditions',
      JSON.stringify({ ...definition, conditions: undefined }),
      'not-a-webhook-definition',
    ],
    ['a numeric CA file', JSON.stringify({ ...definition, ca_file_path: 1 }), 'not-a-webhook-definition'],
  ])('report %s without throwing', (_case, text, reason) => {
    const outcome = decodeWebhookDefinition(Buffer.from(text));
    expect(outcome.ok ? 'accepted' : outcome.reason).toBe(reason);
  });

  it('accept null conditions, CA file and timeout', () => {
    const minimal = { ...definition, conditions: null, ca_file_path: null, timeout: null };
    expect(decodeWebhookDefinition(encodeWebhookDefinition(minimal).message.value!)).toEqual({
      ok: true,
      value: minimal,
    });
  });
});
