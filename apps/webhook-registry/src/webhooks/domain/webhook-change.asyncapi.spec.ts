import { buildAsyncApiDocument } from '@validity/contracts';
import { checkKafkaRecord } from '@validity/schema-testing';
import type { NewEvent } from '@validity/platform/event-store';
import { DEFAULT_SETTINGS, type StoredWebhook } from './webhook';
import { webhookChangeEvents } from './webhook-change';
import { INITIAL_DELIVERY_STATE } from './webhook-delivery-state';

const DOCUMENT = buildAsyncApiDocument();
const context = { username: 'rémi', requestId: 'fc577b60-3f63-4402-8661-547adfefdd87' };

const plain: StoredWebhook = {
  ...DEFAULT_SETTINGS,
  ...INITIAL_DELIVERY_STATE,
  id: 7,
  version: 1,
  name: 'hook',
  content_types: ['validity.compliancereport', 'validity.compliancetestresult'],
  type_create: true,
  payload_url: 'http://receiver.example/',
  created: { date: new Date('2023-04-12T19:30:02.118Z'), micros: 118204 },
  lastUpdated: { date: new Date('2023-04-12T19:30:02.118Z'), micros: 118204 },
};
// Every optional setting used: a secret, a CA file, a timeout, conditions, templates.
const everything: StoredWebhook = {
  ...plain,
  version: 2,
  content_types: ['extras.webhook'],
  type_update: true,
  type_delete: true,
  secret: 's3cr3t',
  ca_file_path: '/etc/ssl/receiver-ca.pem',
  timeout: 30,
  conditions: { and: [{ attr: 'data.total_passed', value: 0, op: 'gt' }] },
  additional_headers: 'X-Token: {{ data.id }}',
  body_template: '{"id": {{ data.id }}}',
  lastUpdated: { date: new Date('2023-04-12T19:40:00.000Z'), micros: 0 },
};

const recordOf = ({ record: { topic, message } }: NewEvent) => ({
  topic,
  key: message.key,
  value: message.value,
  headers: message.headers,
});

describe('webhook change events against the AsyncAPI document', () => {
  it.each([
    ['created', webhookChangeEvents({ event: 'created', after: plain }, context)],
    ['updated', webhookChangeEvents({ event: 'updated', before: plain, after: everything }, context)],
    [
      'deleted',
      webhookChangeEvents({ event: 'deleted', before: everything, at: everything.lastUpdated }, context),
    ],
  ])('publish a %s envelope that fits its public channel, secret masked', (_, [envelope]) => {
    expect(checkKafkaRecord(DOCUMENT, recordOf(envelope))).toEqual([]);
  });

  it('keep the definition with its secret off every documented channel', () => {
    const [, definition] = webhookChangeEvents({ event: 'created', after: everything }, context);
    expect(checkKafkaRecord(DOCUMENT, recordOf(definition))).toEqual([
      'no channel has the address webhook-registry.webhooks',
    ]);
  });
});
