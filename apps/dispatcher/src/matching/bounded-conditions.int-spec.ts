import { logLevel } from 'kafkajs';
import {
  encodeEnvelope,
  encodeWebhookDefinition,
  WEBHOOK_DEFINITIONS_TOPIC,
  type NetBoxEnvelope,
  type OutgoingKafkaMessage,
  type WebhookDefinition,
} from '@validity/contracts';
import {
  createKafka,
  ensureTopics,
  EventProducer,
  InternalRecordAuthenticator,
} from '@validity/platform/kafka';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aWebhookDefinition, testInfrastructure, TestReceiver, uniqueName, waitFor } from '@validity/testing';
import { AppModule } from '../app.module';
import type { DispatcherConfig } from '../config';
import { WebhookView } from '../webhook-view/webhook-view';

const { kafkaBrokers, internalTopicHmacKey } = testInfrastructure();
/** Signs definitions as the registry does; the dispatcher ignores any without its HMAC. */
const registry = new InternalRecordAuthenticator(internalTopicHmacKey);
const kafka = createKafka(kafkaBrokers, 'bounded-conditions-spec', { logLevel: logLevel.NOTHING });
const topics = {
  events: [uniqueName('events')],
  webhookDefinitions: uniqueName('webhooks'),
  deadLetter: uniqueName('dead_letters'),
};

/**
 * An ordinary-looking object name on which `(a+)+$` backtracks catastrophically: a backtracking engine
 * needs about 2^30 steps (over a minute) to say no, and blocks this process, its dispatcher included,
 * for all that time.
 */
const PATHOLOGICAL_NAME = `${'a'.repeat(30)}!`;

function reportCreated(id: number, display: string): OutgoingKafkaMessage {
  const envelope: NetBoxEnvelope = {
    event: 'created',
    timestamp: '2024-01-10T08:15:02.401177+00:00',
    model: 'compliancereport',
    username: 'admin',
    request_id: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11',
    data: { id, url: `/api/plugins/validity/reports/${id}/`, display },
    snapshots: { prechange: null, postchange: null },
  };
  return encodeEnvelope(envelope, { objectType: 'validity.compliancereport', objectId: id }).message;
}

function webhook(
  id: number,
  receiver: TestReceiver,
  conditions: WebhookDefinition['conditions'],
): WebhookDefinition {
  return aWebhookDefinition(id, `${receiver.url}/hooks/${id}`, { conditions });
}

describe('a webhook condition with a catastrophic-backtracking regex', () => {
  let service: TestService;
  let producer: EventProducer;
  let receiver: TestReceiver;

  beforeAll(async () => {
    await ensureTopics(kafkaBrokers, [
      { name: topics.events[0], partitions: 2, cleanupPolicy: 'delete', producer: 'reports', public: true },
      {
        name: topics.webhookDefinitions,
        partitions: 1,
        cleanupPolicy: 'compact',
        producer: 'webhook-registry',
        public: false,
      },
      {
        name: topics.deadLetter,
        partitions: 1,
        cleanupPolicy: 'delete',
        producer: 'dispatcher',
        public: false,
      },
    ]);
    producer = await EventProducer.connect(kafka);
    receiver = await TestReceiver.start();
    const config: DispatcherConfig = {
      ...testServiceConfig('dispatcher'),
      consumerGroup: uniqueName('dispatcher'),
      topics,
      delivery: {
        retryScheduleSeconds: [1],
        blockPrivateAddresses: false,
        concurrency: 20,
        concurrencyPerWebhook: 5,
        logRetentionDays: 30,
      },
    };
    service = await startTestService(AppModule.register(config), config);
  });

  afterAll(async () => {
    await service.close();
    await producer.disconnect();
    await receiver.close();
  });

  it("neither stalls the dispatcher nor other webhooks' deliveries, and keeps Python's answer", async () => {
    const regexHook = webhook(1, receiver, { and: [{ attr: 'display', op: 'regex', value: '(a+)+$' }] });
    const plainHook = webhook(2, receiver, null);
    await producer.send(topics.webhookDefinitions, [
      registry.sign(WEBHOOK_DEFINITIONS_TOPIC, encodeWebhookDefinition(regexHook).message),
      registry.sign(WEBHOOK_DEFINITIONS_TOPIC, encodeWebhookDefinition(plainHook).message),
    ]);
    const view = service.app.get(WebhookView, { strict: false });
    await waitFor('both webhooks in the view', () =>
      view.get(regexHook.id) && view.get(plainHook.id) ? true : undefined,
    );

    const events = [1, 2, 3, 4, 5].map((id) => reportCreated(id, PATHOLOGICAL_NAME));
    await producer.send(topics.events[0], [...events, reportCreated(6, 'aaaa')]);

    // Every event reaches the plain webhook (generous bounds: this is not a speed test).
    const plain = await receiver.waitForRequests(
      6,
      (request) => request.path === `/hooks/${plainHook.id}`,
      60_000,
    );
    expect(plain).toHaveLength(6);
    // re.match('(a+)+$', 'aaaa') matches, re.match('(a+)+$', 'aaa…a!') does not.
    const [matched] = await receiver.waitForRequests(
      1,
      (request) => request.path === `/hooks/${regexHook.id}`,
    );
    expect(JSON.parse(matched.body.toString())).toMatchObject({ data: { id: 6 } });
    expect(receiver.requests.filter((request) => request.path === `/hooks/${regexHook.id}`)).toHaveLength(1);
  });
});
