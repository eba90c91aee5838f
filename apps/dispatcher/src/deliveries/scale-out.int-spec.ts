import { logLevel } from 'kafkajs';
import { encodeEnvelope, encodeWebhookDefinition, WEBHOOK_DEFINITIONS_TOPIC } from '@validity/contracts';
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
import { DispatcherMetrics } from '../metrics/dispatcher-metrics';

const kafka = createKafka(testInfrastructure().kafka, 'scale-out-spec', { logLevel: logLevel.NOTHING });
const EVENTS = 60;

describe('two dispatcher instances in one consumer group', () => {
  const topics = {
    events: [uniqueName('scale_events')],
    webhookDefinitions: uniqueName('scale_webhooks'),
    deadLetter: uniqueName('scale_dead_letters'),
  };
  const base = testServiceConfig('dispatcher');
  const config: DispatcherConfig = {
    ...base,
    consumerGroup: uniqueName('dispatcher_scale'),
    topics,
    delivery: {
      retryScheduleSeconds: [1, 1, 1],
      blockPrivateAddresses: false,
      concurrency: 50,
      concurrencyPerWebhook: 5,
      logRetentionDays: 30,
    },
  };
  let instances: TestService[] = [];
  let producer: EventProducer;
  let receiver: TestReceiver;

  beforeAll(async () => {
    await ensureTopics(testInfrastructure().kafka, [
      { name: topics.events[0], partitions: 3, cleanupPolicy: 'delete', producer: 'reports', public: true },
      {
        name: topics.webhookDefinitions,
        partitions: 1,
        cleanupPolicy: 'compact',
        producer: 'webhook-registry',
        public: false,
      },
    ]);
    producer = await EventProducer.connect(kafka);
    receiver = await TestReceiver.start();
    const definition = aWebhookDefinition(1, `${receiver.url}/hook`, { name: 'scale-out' });
    await producer.send(topics.webhookDefinitions, [
      new InternalRecordAuthenticator(testInfrastructure().internalTopicHmacKey).sign(
        WEBHOOK_DEFINITIONS_TOPIC,
        encodeWebhookDefinition(definition).message,
      ),
    ]);
    // Same schema, same group: the second instance shares the first one's tables and partitions.
    instances = await Promise.all([
      startTestService(AppModule.register(config), config),
      startTestService(AppModule.register(config), config),
    ]);
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await producer.disconnect();
    await receiver.close();
  });

  it('split the partitions and deliver every event exactly once on the happy path', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitFor('both instances in the group', async () => {
        const {
          groups: [group],
        } = await admin.describeGroups([config.consumerGroup]);
        return group.state === 'Stable' && group.members.length === 2 ? true : undefined;
      });
    } finally {
      await admin.disconnect();
    }

    const messages = Array.from(
      { length: EVENTS },
      (_, index) =>
        encodeEnvelope(
          {
            event: 'created',
            timestamp: '2024-01-10T08:15:02.401177+00:00',
            model: 'compliancereport',
            username: 'admin',
            request_id: null,
            data: { id: index + 1 },
            snapshots: { prechange: null, postchange: null },
          },
          { objectType: 'validity.compliancereport', objectId: index + 1 },
        ).message,
    );
    await producer.send(topics.events[0], messages);
    await receiver.waitForRequests(EVENTS);
    // Anything sent twice would have arrived by now: the answers were immediate.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const webhookIds = receiver.requests.map((request) => request.headers['webhook-id']);
    expect(webhookIds).toHaveLength(EVENTS);
    expect(new Set(webhookIds).size).toBe(EVENTS);
    const deliveredBy = await Promise.all(
      instances.map(async (instance) => {
        const counter = instance.app.get(DispatcherMetrics, { strict: false }).deliveries;
        const { values } = await counter.get();
        return values
          .filter((sample) => sample.labels.outcome === 'delivered')
          .reduce((sum, sample) => sum + sample.value, 0);
      }),
    );
    expect(deliveredBy.every((count) => count > 0)).toBe(true);
    expect(deliveredBy[0] + deliveredBy[1]).toBe(EVENTS);
  });
});
