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
import { WebhookView } from '../webhook-view/webhook-view';

const kafka = createKafka(testInfrastructure().kafka, 'rate-limit-spec', { logLevel: logLevel.NOTHING });
const LIMIT = 25;
/** 16 s at the limit: long enough that a stall of a few hundred ms moves the measured rate by < 3 %. */
const EVENTS = 400;
/** Requests (by arrival) the receiver answers 429 with `Retry-After: 1`. */
const THROTTLED = new Set([5, 205]);

describe('rate_limit_per_second, held by two dispatcher instances together', () => {
  const topics = {
    events: [uniqueName('rate_events')],
    webhookDefinitions: uniqueName('rate_webhooks'),
    deadLetter: uniqueName('rate_dead_letters'),
  };
  const config: DispatcherConfig = {
    ...testServiceConfig('dispatcher'),
    consumerGroup: uniqueName('dispatcher_rate'),
    topics,
    delivery: {
      retryScheduleSeconds: [1, 1, 1],
      blockPrivateAddresses: false,
      concurrency: 50,
      concurrencyPerWebhook: 10,
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
    // Two requests are answered 429: Retry-After handling stays on top of the limit.
    receiver = await TestReceiver.start({
      answer: (_request, index) =>
        THROTTLED.has(index) ? { status: 429, headers: { 'Retry-After': '1' } } : { status: 200 },
    });
    const definition = aWebhookDefinition(1, `${receiver.url}/limited`, { rate_limit_per_second: LIMIT });
    await producer.send(topics.webhookDefinitions, [
      new InternalRecordAuthenticator(testInfrastructure().internalTopicHmacKey).sign(
        WEBHOOK_DEFINITIONS_TOPIC,
        encodeWebhookDefinition(definition).message,
      ),
    ]);
    instances = await Promise.all([
      startTestService(AppModule.register(config), config),
      startTestService(AppModule.register(config), config),
    ]);
    for (const instance of instances) {
      const view = instance.app.get(WebhookView, { strict: false });
      await waitFor('the webhook in the view', () => view.get(1));
    }
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await producer.disconnect();
    await receiver.close();
  });

  it('never exceeds the limit over both instances, and delivers every event (waits, drops none)', async () => {
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
    await waitFor(
      'every event delivered',
      () => {
        const delivered = new Set(
          receiver.requests
            .filter((_request, index) => !THROTTLED.has(index))
            .map((r) => r.headers['webhook-id']),
        );
        return delivered.size >= EVENTS ? true : undefined;
      },
      120_000,
    );

    const times = receiver.requests.map((request) => request.receivedAt).sort((a, b) => a - b);
    const seconds = (times[times.length - 1] - times[0]) / 1000;
    const measured = (times.length - 1) / seconds;
    // An upper bound only: a loaded machine may send slower, never faster.
    expect(measured).toBeLessThanOrEqual(LIMIT * 1.05);
    expect(times.length).toBeGreaterThan(EVENTS);

    const sentBy = await Promise.all(
      instances.map(async (instance) => {
        const { values } = await instance.app.get(DispatcherMetrics, { strict: false }).deliveries.get();
        return values.reduce((sum, sample) => sum + sample.value, 0);
      }),
    );
    // Both instances sent: the bucket they drew from is the shared one.
    expect(sentBy.every((count) => count > 0)).toBe(true);
  }, 180_000);
});
