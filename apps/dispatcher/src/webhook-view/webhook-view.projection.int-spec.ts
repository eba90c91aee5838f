import { logLevel } from 'kafkajs';
import {
  DEAD_LETTER_HEADERS,
  encodeWebhookDefinition,
  WEBHOOK_DEFINITIONS_TOPIC,
  webhookDefinitionTombstone,
  type WebhookDefinition,
} from '@validity/contracts';
import {
  createKafka,
  ensureTopics,
  EventProducer,
  InternalRecordAuthenticator,
} from '@validity/platform/kafka';
import { aWebhookDefinition, readTopic, testInfrastructure, uniqueName, waitFor } from '@validity/testing';
import { WebhookView } from './webhook-view';
import { WebhookViewProjection } from './webhook-view.projection';

const { kafka: connection, internalTopicHmacKey } = testInfrastructure();
const kafka = createKafka(connection, 'webhook-view-spec', { logLevel: logLevel.NOTHING });
const authenticator = new InternalRecordAuthenticator(internalTopicHmacKey);

function definition(id: number, overrides: Partial<WebhookDefinition> = {}): WebhookDefinition {
  return aWebhookDefinition(id, 'http://127.0.0.1:9/', {
    secret: 's3cret',
    conditions: { and: [{ attr: 'total_passed', op: 'gte', value: 1 }] },
    ...overrides,
  });
}

describe('WebhookViewProjection on a real broker', () => {
  const topic = uniqueName('webhooks');
  const deadLetterTopic = uniqueName('webhooks-dead-letter');
  let producer: EventProducer;
  const publish = (...messages: ReturnType<typeof encodeWebhookDefinition>[]) =>
    producer.send(
      topic,
      messages.map(({ message }) => authenticator.sign(WEBHOOK_DEFINITIONS_TOPIC, message)),
    );
  const startProjection = async (view: WebhookView) => {
    const projection = new WebhookViewProjection({ kafka, view, topic, authenticator, deadLetterTopic });
    await projection.start();
    return projection;
  };

  beforeAll(async () => {
    await ensureTopics(connection, [
      { name: topic, partitions: 3, cleanupPolicy: 'compact', producer: 'webhook-registry', public: false },
      {
        name: deadLetterTopic,
        partitions: 1,
        cleanupPolicy: 'delete',
        producer: 'dispatcher',
        public: false,
      },
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
    await producer.send(topic, [
      authenticator.sign(WEBHOOK_DEFINITIONS_TOPIC, {
        key: '4',
        value: Buffer.from('{"id": 4}'),
        headers: {},
      }),
    ]);

    const view = new WebhookView();
    const projection = await startProjection(view);
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
    const projection = await startProjection(view);
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

  it('ignores definitions and tombstones without the registry HMAC, and dead-letters them without their value', async () => {
    await publish(encodeWebhookDefinition(definition(300)));
    const forger = new InternalRecordAuthenticator('a key only the attacker knows, 32+ chars');
    const forged = encodeWebhookDefinition(
      definition(301, { payload_url: 'http://attacker.example/' }),
    ).message;
    await producer.send(topic, [
      forged,
      forger.sign(WEBHOOK_DEFINITIONS_TOPIC, { ...forged, key: '302', value: forged.value }),
      // A forged definition over a genuine webhook, then a forged delete of it.
      encodeWebhookDefinition(definition(300, { payload_url: 'http://attacker.example/' })).message,
      webhookDefinitionTombstone(300).message,
    ]);

    const view = new WebhookView();
    const projection = await startProjection(view);
    try {
      expect(view.get(300)?.definition.payload_url).toBe('http://127.0.0.1:9/');
      expect(view.get(301)).toBeUndefined();
      expect(view.get(302)).toBeUndefined();
      expect(
        [...view.all()].some(({ definition: { payload_url } }) => payload_url.includes('attacker')),
      ).toBe(false);
    } finally {
      await projection.stop(); // waits for the dead-letter sends
    }

    // Only this test's projection read the forged records (the others had stopped): one dead letter each.
    const deadLetters = await readTopic(kafka, deadLetterTopic, 4);
    expect(
      deadLetters
        .map((record) => [
          record.key,
          record.headers[DEAD_LETTER_HEADERS.reason],
          record.headers[DEAD_LETTER_HEADERS.sourceTopic],
          record.value?.length ?? 0,
        ])
        .sort(),
    ).toEqual(
      [
        ['300', 'missing-record-hmac', topic, 0],
        ['300', 'missing-record-hmac', topic, 0],
        ['301', 'missing-record-hmac', topic, 0],
        ['302', 'invalid-record-hmac', topic, 0],
      ].sort(),
    );
  });
});
