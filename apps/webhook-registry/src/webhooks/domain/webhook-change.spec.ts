import { decodeEnvelope, serializeEnvelope } from '@validity/contracts';
import { DEFAULT_SETTINGS, type StoredWebhook } from './webhook';
import { webhookChangeEvents } from './webhook-change';
import { INITIAL_DELIVERY_STATE } from './webhook-delivery-state';

const before: StoredWebhook = {
  ...DEFAULT_SETTINGS,
  ...INITIAL_DELIVERY_STATE,
  id: 7,
  version: 2,
  name: 'hook',
  content_types: ['validity.compliancereport'],
  type_create: true,
  payload_url: 'http://receiver.example/',
  secret: 's3cr3t',
  created: { date: new Date('2023-04-12T19:30:02.118Z'), micros: 118204 },
  lastUpdated: { date: new Date('2023-04-12T19:30:02.118Z'), micros: 118204 },
};
const after = {
  ...before,
  enabled: false,
  lastUpdated: { date: new Date('2023-04-12T19:40:00.5Z'), micros: 500001 },
};
const context = { username: 'admin', requestId: 'fc577b60-3f63-4402-8661-547adfefdd87' };

describe('webhook change events', () => {
  it('are the public envelope first, then the internal definition, both keyed by the webhook id', () => {
    const [envelope, definition] = webhookChangeEvents({ event: 'updated', before, after }, context);
    expect([envelope.type, envelope.record.topic, envelope.record.message.key]).toEqual([
      'WebhookUpdated',
      'extras.webhook.updated',
      '7',
    ]);
    expect([definition.type, definition.record.topic, definition.record.message.key]).toEqual([
      'WebhookDefinitionChanged',
      'webhook-registry.webhooks',
      '7',
    ]);
    expect(envelope.record.message.headers['event-id']).not.toBe(
      definition.record.message.headers['event-id'],
    );
  });

  it('carry NetBox’s envelope, byte for byte, with the change time, request and masked secrets', () => {
    const [{ record }] = webhookChangeEvents({ event: 'updated', before, after }, context);
    const decoded = decodeEnvelope({
      key: null,
      value: record.message.value,
      headers: record.message.headers,
    });
    if (!decoded.ok) throw decoded.error;
    expect(decoded.envelope).toMatchObject({
      event: 'updated',
      timestamp: '2023-04-12T19:40:00.500001+00:00',
      model: 'webhook',
      username: 'admin',
      request_id: context.requestId,
      data: { id: 7, url: '/api/extras/webhooks/7/', enabled: false, secret: '********' },
      snapshots: { prechange: { enabled: true, secret: '********' }, postchange: { enabled: false } },
    });
    expect(record.message.value!.toString()).toBe(serializeEnvelope(decoded.envelope));
    expect(record.message.value!.toString()).not.toContain('s3cr3t');
  });

  it('end a deleted webhook with its last state publicly and a tombstone internally', () => {
    const at = { date: new Date('2023-04-13T00:00:00Z'), micros: 0 };
    const [envelope, tombstone] = webhookChangeEvents({ event: 'deleted', before, at }, context);
    const decoded = decodeEnvelope({
      key: null,
      value: envelope.record.message.value,
      headers: envelope.record.message.headers,
    });
    expect(decoded.ok && decoded.envelope).toMatchObject({
      event: 'deleted',
      timestamp: '2023-04-13T00:00:00+00:00',
      data: { id: 7, name: 'hook' },
      snapshots: { prechange: { name: 'hook' }, postchange: null },
    });
    expect([tombstone.type, tombstone.record.message.key, tombstone.record.message.value]).toEqual([
      'WebhookDefinitionRemoved',
      '7',
      null,
    ]);
  });

  it('have no prechange snapshot for a create', () => {
    const [{ record }] = webhookChangeEvents({ event: 'created', after: before }, context);
    const decoded = decodeEnvelope({
      key: null,
      value: record.message.value,
      headers: record.message.headers,
    });
    expect(decoded.ok && decoded.envelope.snapshots.prechange).toBeNull();
  });
});
