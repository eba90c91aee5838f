import { DEFAULT_SETTINGS, type Webhook } from './webhook';
import {
  publicWebhookData,
  webhookDefinition,
  webhookRepresentation,
  webhookSnapshot,
  withSecretsMasked,
} from './webhook-representation';
import { INITIAL_DELIVERY_STATE } from './webhook-delivery-state';

const webhook: Webhook = {
  ...DEFAULT_SETTINGS,
  ...INITIAL_DELIVERY_STATE,
  id: 7,
  name: 'sample_webhook',
  content_types: ['validity.compliancereport', 'extras.webhook'],
  type_create: true,
  payload_url: 'http://localhost:9000/api/webhook/',
  secret: 's3cr3t',
  created: { date: new Date('2023-04-12T19:30:02.118Z'), micros: 118204 },
  lastUpdated: { date: new Date('2023-04-12T19:31:00.000Z'), micros: 0 },
};

describe('webhook representations', () => {
  it('answers REST with the URL it is given, microsecond datetimes, no fraction at zero', () => {
    const data = webhookRepresentation(webhook, (path) => `https://netbox.example${path}`);
    expect(data).toMatchObject({
      url: 'https://netbox.example/api/extras/webhooks/7/',
      display: 'sample_webhook',
      secret: 's3cr3t',
      created: '2023-04-12T19:30:02.118204Z',
      last_updated: '2023-04-12T19:31:00Z',
    });
  });

  it('puts a relative url and a masked secret in event data, keeping the key order', () => {
    const data = publicWebhookData(webhook);
    expect(Object.keys(data)).toEqual(Object.keys(webhookRepresentation(webhook, (path) => path)));
    expect([data.url, data.secret]).toEqual(['/api/extras/webhooks/7/', '********']);
    expect(publicWebhookData({ ...webhook, secret: '' }).secret).toBe('');
  });

  it('masks header values and a URL password in event data and snapshots, keeping header names', () => {
    const secretive: Webhook = {
      ...webhook,
      payload_url: 'https://hook:pa55@receiver.example/x?next=a@b',
      additional_headers: 'X-Api-Key: k3y\r\nAuthorization: Bearer t0k3n\nX-Empty:\nX-Id: {{ data.id }}',
    };
    const masked = {
      payload_url: 'https://hook:********@receiver.example/x?next=a@b',
      additional_headers: 'X-Api-Key: ********\r\nAuthorization: ********\nX-Empty:\nX-Id: ********',
      secret: '********',
    };
    expect(publicWebhookData(secretive)).toMatchObject(masked);
    expect(webhookSnapshot(secretive)).toMatchObject(masked);
    expect(
      withSecretsMasked(
        webhookRepresentation(secretive, (path) => path),
        secretive,
      ),
    ).toMatchObject(masked);
    expect(publicWebhookData(webhook).payload_url).toBe('http://localhost:9000/api/webhook/');
    expect(webhookDefinition(secretive)).toMatchObject({
      payload_url: secretive.payload_url,
      additional_headers: secretive.additional_headers,
    });
  });

  it('snapshots as NetBox’s serialize_object: mixin datetimes first (milliseconds), ContentType ids, masked secret', () => {
    const snapshot = webhookSnapshot(webhook);
    expect(Object.keys(snapshot)[0]).toBe('created');
    expect(Object.keys(snapshot).slice(-3)).toEqual(['content_types', 'custom_fields', 'tags']);
    expect(snapshot).toEqual({
      created: '2023-04-12T19:30:02.118Z',
      last_updated: '2023-04-12T19:31:00Z',
      name: 'sample_webhook',
      type_create: true,
      type_update: false,
      type_delete: false,
      type_job_start: false,
      type_job_end: false,
      payload_url: 'http://localhost:9000/api/webhook/',
      enabled: true,
      http_method: 'POST',
      http_content_type: 'application/json',
      additional_headers: '',
      body_template: '',
      secret: '********',
      conditions: null,
      ssl_verification: true,
      ca_file_path: null,
      timeout: null,
      ordering: 'unordered',
      rate_limit_per_second: null,
      client_cert_path: null,
      client_key_path: null,
      asymmetric_signature: false,
      content_types: [1, 4],
      custom_fields: {},
      tags: [],
    });
  });

  it('gives the dispatcher the secret in the definition', () => {
    expect(webhookDefinition(webhook)).toMatchObject({
      id: 7,
      secret: 's3cr3t',
      created: '2023-04-12T19:30:02.118204Z',
    });
  });
});
