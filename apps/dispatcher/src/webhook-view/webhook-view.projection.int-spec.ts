import { logLevel } from 'kafkajs';
import {
  encodeWebhookDefinition,
  webhookDefinitionTombstone,
  type WebhookDefinition,
} from '@validity/contracts';
import { createKafka, ensureTopics, EventProducer } from '@validity/platform/kafka';
import { testInfrastructure, uniqueName, waitFor } from '@validity/testing';
import { WebhookView } from './webhook-view';
import { WebhookViewProjection } from './webhook-view.projection';

const { kafkaBrokers } = testInfrastructure();
const kafka = createKafka(kafkaBrokers, 'webhook-view-spec', { logLevel: logLevel.NOTHING });

function definition(id: number, overrides: Partial<WebhookDefinition> = {}): WebhookDefinition {
  return {
    id,
    name: `hook-${id}`,
    content_types: ['validity.compliancereport'],
    type_create: true,
    type_update: false,
    type_delete: false,
    type_job_start: false,
    type_job_end: false,
    payload_url: 'http://127.0.0.1:9/',
    enabled: true,
    http_method: 'POST',
    http_content_type: 'application/json',
    additional_headers: '',
    body_template: '',
    secret: 's3cret',
    conditions: { and: [{ attr: 'total_passed', op: 'gte', value: 1 }] },
    ssl_verification: true,
    ca_file_path: null,
    timeout: 5,
    created: '2024-01-10T08:00:00Z',
    last_updated: '2024-01-10T08:00:00Z',
    ...overrides,
  };
}

describe('WebhookViewProjection on a real broker', () => {
  const topic = uniqueName('webhooks');
  let producer: EventProducer;
  const publish = (...messages: ReturnType<typeof encodeWebhookDefinition>[]) =>
    producer.send(
      topic,
      messages.map(({ message }) => message),
    );

  beforeAll(async () => {
    await ensureTopics(kafkaBrokers, [
      { name: topic, partitions: 3, cleanupPolicy: 'compact', producer: 'webhook-registry', public: false },
    ]);
    producer = await EventProducer.connect(kafka);
  });
  afterAll(() => producer.disconnect());

  it('has every webhook published before it started once start() resolves, then follows changes', async () => {
    await publish(
      encodeWebhookDefinition(definition(1)),
      encodeWebhookDefinition(definition(2)),
      encodeWebhookDefinition(definition(1, { name: 'renamed', payload_url: 'http://127.0.0.1:10/' })),
      webhookDefinitionTombstone(2),
      encodeWebhookDefinition(definition(3, { content_types: ['validity.compliancetest'] })),
    );
    await producer.send(topic, [{ key: '4', value: Buffer.from('{"id": 4}'), headers: {} }]);

    const view = new WebhookView();
    const projection = new WebhookViewProjection(kafka, view, topic);
    await projection.start();
    try {
      expect([...view.all()].map(({ definition: { id, name } }) => [id, name]).sort()).toEqual([
        [1, 'renamed'],
        [3, 'hook-3'],
      ]);
      expect(view.get(1)?.conditions.kind).toBe('set');
      expect(view.forContentType('validity.compliancetest').map((each) => each.definition.id)).toEqual([3]);

      await publish(
        encodeWebhookDefinition(definition(5, { enabled: false })),
        webhookDefinitionTombstone(1),
      );
      await waitFor('the new webhook and the deletion', () =>
        view.get(5) && !view.get(1) ? true : undefined,
      );
      expect(view.get(5)?.definition.enabled).toBe(false);
    } finally {
      await projection.stop();
    }
  });

  it('catchUp() resolves only once the view holds everything published before the call', async () => {
    const view = new WebhookView();
    const projection = new WebhookViewProjection(kafka, view, topic);
    await projection.start();
    try {
      for (let id = 100; id < 120; id += 1) {
        await publish(encodeWebhookDefinition(definition(id)));
        // No polling: right after the publish is acknowledged, catchUp must bring the view there.
        await projection.catchUp();
        expect(view.get(id)?.definition.id).toBe(id);
      }
    } finally {
      await projection.stop();
    }
  });
});
