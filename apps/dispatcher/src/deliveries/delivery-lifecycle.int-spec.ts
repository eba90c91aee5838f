import { logLevel } from 'kafkajs';
import {
  encodeEnvelope,
  encodeWebhookDefinition,
  WEBHOOK_DEFINITIONS_TOPIC,
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
import { DeliveryStore } from './store/delivery-store';

const { kafkaBrokers, internalTopicHmacKey } = testInfrastructure();
/** Signs definitions as the registry does; the dispatcher ignores any without its HMAC. */
const registry = new InternalRecordAuthenticator(internalTopicHmacKey);
const kafka = createKafka(kafkaBrokers, 'delivery-lifecycle-spec', { logLevel: logLevel.NOTHING });

const topics = {
  events: [uniqueName('lifecycle_events')],
  webhookDefinitions: uniqueName('lifecycle_webhooks'),
  deadLetter: uniqueName('lifecycle_dead_letters'),
};

function reportCreated(id: number): OutgoingKafkaMessage {
  return encodeEnvelope(
    {
      event: 'created',
      timestamp: '2024-01-10T08:15:02.401177+00:00',
      model: 'compliancereport',
      username: 'admin',
      request_id: null,
      data: { id, display: `report-${id}` },
      snapshots: { prechange: null, postchange: null },
    },
    { objectType: 'validity.compliancereport', objectId: id },
  ).message;
}

/** Each test's webhooks take only reports in their own id range, so tests do not see each other. */
function webhook(id: number, receiver: TestReceiver, overrides: Partial<WebhookDefinition> = {}) {
  return aWebhookDefinition(id, `${receiver.url}/hooks/${id}`, {
    name: `lifecycle-${id}`,
    conditions: {
      and: [
        { attr: 'id', value: id, op: 'gte' },
        { attr: 'id', value: id + 99, op: 'lte' },
      ],
    },
    last_updated: new Date().toISOString(),
    ...overrides,
  });
}

type Delivery = { id: number; status: { value: string }; message_id: string; last_error: string | null };

describe('the delivery lifecycle through the delivery-log API (retry now, disable, re-enable, health)', () => {
  let service: TestService;
  let producer: EventProducer;
  const receivers: TestReceiver[] = [];

  const receiver = async (options?: Parameters<typeof TestReceiver.start>[0]) => {
    const started = await TestReceiver.start(options);
    receivers.push(started);
    return started;
  };
  const api = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${service.url}/api/extras/webhook-deliveries/${path}`, {
      ...init,
      headers: { Authorization: service.auth, ...init.headers },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const deliveriesOf = async (webhookId: number) =>
    (await api(`?webhook_id=${webhookId}&ordering=id`)).body.results as Delivery[];
  const statusesOf = async (webhookId: number) =>
    (await deliveriesOf(webhookId)).map((delivery) => delivery.status.value).sort();
  const untilStatuses = (webhookId: number, expected: string[]) =>
    waitFor(`webhook ${webhookId}'s deliveries ${expected.join(', ')}`, async () =>
      JSON.stringify(await statusesOf(webhookId)) === JSON.stringify(expected) ? true : undefined,
    );

  async function put(definition: WebhookDefinition): Promise<void> {
    await producer.send(topics.webhookDefinitions, [
      registry.sign(WEBHOOK_DEFINITIONS_TOPIC, encodeWebhookDefinition(definition).message),
    ]);
    const view = service.app.get(WebhookView, { strict: false });
    await waitFor('the webhook in the view', () =>
      view.get(definition.id)?.definition.last_updated === definition.last_updated ? true : undefined,
    );
  }

  beforeAll(async () => {
    await ensureTopics(kafkaBrokers, [
      { name: topics.events[0], partitions: 3, cleanupPolicy: 'delete', producer: 'reports', public: true },
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
    const config: DispatcherConfig = {
      ...testServiceConfig('dispatcher'),
      consumerGroup: uniqueName('lifecycle'),
      topics,
      delivery: {
        // Retries an hour away: only "retry now" or a redelivery can bring them forward in a test.
        retryScheduleSeconds: [3600, 3600],
        blockPrivateAddresses: false,
        concurrency: 20,
        concurrencyPerWebhook: 2,
        logRetentionDays: 30,
      },
    };
    service = await startTestService(AppModule.register(config), config);
  });

  afterAll(async () => {
    await service.close();
    await producer.disconnect();
    await Promise.all(receivers.map((started) => started.close()));
  });

  it('retries a retrying delivery now with the same webhook-id, and refuses one that is not retrying', async () => {
    const target = await receiver({ statuses: [500, 200] });
    const hook = webhook(100, target);
    await put(hook);
    await producer.send(topics.events[0], [reportCreated(100)]);
    await untilStatuses(hook.id, ['retrying']);
    const [delivery] = await deliveriesOf(hook.id);

    const retried = await api(`${delivery.id}/retry/`, { method: 'POST' });
    expect(retried).toMatchObject({
      status: 200,
      body: { id: delivery.id, message_id: delivery.message_id },
    });
    await untilStatuses(hook.id, ['delivered']);
    expect(target.requests.map((request) => request.headers['webhook-id'])).toEqual([
      delivery.message_id,
      delivery.message_id,
    ]);

    expect(await api(`${delivery.id}/retry/`, { method: 'POST' })).toEqual({
      status: 409,
      body: {
        detail:
          'This delivery is delivered; only retrying ones are retried now (use redeliver for finished ones).',
      },
    });
    expect(await api('999999999/retry/', { method: 'POST' })).toEqual({
      status: 404,
      body: { detail: 'Not found.' },
    });
  });

  it('cancels the waiting deliveries of a disabled webhook, keeps them cancelled when it is enabled again, and replays them when asked', async () => {
    let failing = true;
    const target = await receiver({ answer: () => ({ status: failing ? 500 : 200 }) });
    const hook = webhook(200, target);
    await put(hook);
    await producer.send(topics.events[0], [reportCreated(200), reportCreated(201)]);
    await untilStatuses(hook.id, ['retrying', 'retrying']);

    await put({ ...hook, enabled: false, last_updated: new Date(Date.now() + 1).toISOString() });
    await untilStatuses(hook.id, ['cancelled', 'cancelled']);
    const cancelled = await deliveriesOf(hook.id);
    expect(cancelled.map((delivery) => delivery.last_error)).toEqual([
      'the webhook was disabled',
      'the webhook was disabled',
    ]);

    failing = false;
    await put({ ...hook, enabled: true, last_updated: new Date(Date.now() + 2).toISOString() });
    // A new event after re-enabling is delivered; the cancelled ones stay as they are.
    await producer.send(topics.events[0], [reportCreated(202)]);
    await untilStatuses(hook.id, ['cancelled', 'cancelled', 'delivered']);
    expect(target.requests).toHaveLength(3);

    const replayed = await api(`replay/?webhook_id=${hook.id}&status=cancelled`, { method: 'POST' });
    expect(replayed).toEqual({ status: 200, body: { count: 2 } });
    await untilStatuses(hook.id, ['delivered', 'delivered', 'delivered']);
  });

  it("shows each webhook's circuit breaker, requests in flight and waiting deliveries", async () => {
    const failing = await receiver({ statuses: [500] });
    const healthy = await receiver();
    const broken = webhook(300, failing);
    const fine = webhook(400, healthy);
    await put(broken);
    await put(fine);
    // Five consecutive failures open the circuit.
    await producer.send(
      topics.events[0],
      [300, 301, 302, 303, 304, 400].map((id) => reportCreated(id)),
    );
    await untilStatuses(broken.id, ['retrying', 'retrying', 'retrying', 'retrying', 'retrying']);
    await untilStatuses(fine.id, ['delivered']);

    const health = await api(`health/?webhook_id=${broken.id}&webhook_id=${fine.id}`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ count: 2, next: null, previous: null });
    const [brokenHealth, fineHealth] = health.body.results as Array<Record<string, unknown>>;
    expect(brokenHealth).toMatchObject({
      webhook: { id: broken.id, name: broken.name },
      circuit: { value: 'open', label: 'Open' },
      consecutive_failures: 5,
      circuit_open_until: expect.stringMatching(/Z$/),
      in_flight: 0,
      queued: 0,
      waiting: 5,
    });
    expect(fineHealth).toMatchObject({
      webhook: { id: fine.id },
      circuit: { value: 'closed', label: 'Closed' },
      consecutive_failures: 0,
      circuit_open_until: null,
      waiting: 0,
    });
    expect(await api('health/?webhook_id=x')).toEqual({
      status: 400,
      body: { webhook_id: ['Enter a whole number.'] },
    });
  });

  it('stores a new delivery claimed when the engine promised it room, so no claim takes it again, with every body intact', async () => {
    const store = service.app.get(DeliveryStore, { strict: false });
    // A webhook the engine does not know, so only this test claims its rows.
    const webhookId = 990_001;
    const event = (n: number, body: Buffer) => ({
      eventId: `claim-at-insert-${Date.now()}-${n}`,
      event: 'created' as const,
      objectType: 'validity.compliancereport',
      objectId: String(n),
      requestId: null,
      timestamp: '2024-01-10T08:15:02.401177+00:00',
      body,
      topic: topics.events[0],
      partition: 0,
      offset: String(n),
    });
    const first = event(1, Buffer.from('{"n": 1, "name": "caf\\u00e9"}'));
    const second = event(2, Buffer.from([0x7b, 0x00, 0xff, 0x7d]));
    const inserted = await store.insertPlanned(
      [first, second],
      [
        { eventId: first.eventId, webhookId, failure: null, claimLeaseSeconds: 60 },
        { eventId: second.eventId, webhookId, failure: null },
      ],
    );
    expect(inserted.map((row) => [row.eventId, row.status, row.claimed])).toEqual([
      [first.eventId, 'pending', true],
      [second.eventId, 'pending', false],
    ]);
    const claimed = await store.claimDue([{ webhookId, slots: 10, leaseSeconds: 60 }]);
    expect(claimed.map((row) => [row.event.eventId, row.attemptNumber])).toEqual([[second.eventId, 1]]);
    expect(claimed[0].event.body).toEqual(second.body);
    await store.release([{ id: inserted[0].id, attemptNumber: 1 }]);
    const released = await store.claimDue([{ webhookId, slots: 10, leaseSeconds: 60 }]);
    expect(released.map((row) => row.event.body)).toEqual([first.body]);
  });

  it('takes at most the given number of rows in one claim, over all its offers, in the order offered', async () => {
    const store = service.app.get(DeliveryStore, { strict: false });
    const [webhookA, webhookB] = [990_002, 990_003];
    const events = [1, 2, 3].map((n) => ({
      eventId: `claim-bound-${Date.now()}-${n}`,
      event: 'created' as const,
      objectType: 'validity.compliancereport',
      objectId: String(n),
      requestId: null,
      timestamp: '2024-01-10T08:15:02.401177+00:00',
      body: Buffer.from(`{"n": ${n}}`),
      topic: topics.events[0],
      partition: 0,
      offset: String(n),
    }));
    await store.insertPlanned(events, [
      ...events.map((event) => ({ eventId: event.eventId, webhookId: webhookA, failure: null })),
      { eventId: events[0].eventId, webhookId: webhookB, failure: null },
    ]);
    const offers = [webhookA, webhookB].map((webhookId) => ({ webhookId, slots: 10, leaseSeconds: 60 }));
    const first = await store.claimDue(offers, 2);
    expect(first.map((row) => row.webhookId)).toEqual([webhookA, webhookA]);
    const rest = await store.claimDue(offers, 2);
    expect(rest.map((row) => row.webhookId).sort()).toEqual([webhookA, webhookB]);
    expect(rest.map((row) => row.event.body.toString()).sort()).toEqual(['{"n": 1}', '{"n": 3}']);
  });

  it("claims one event's deliveries to several webhooks with its body read once, each delivery with it", async () => {
    const store = service.app.get(DeliveryStore, { strict: false });
    const webhooks = [990_004, 990_005, 990_006];
    const event = {
      eventId: `claim-fanout-${Date.now()}`,
      event: 'created' as const,
      objectType: 'validity.compliancereport',
      objectId: '7',
      requestId: null,
      timestamp: '2024-01-10T08:15:02.401177+00:00',
      body: Buffer.from('{"fan": "out"}'),
      topic: topics.events[0],
      partition: 0,
      offset: '7',
    };
    await store.insertPlanned(
      [event],
      webhooks.map((webhookId) => ({ eventId: event.eventId, webhookId, failure: null })),
    );
    const claimed = await store.claimDue(
      webhooks.map((webhookId) => ({ webhookId, slots: 1, leaseSeconds: 60 })),
    );
    expect(claimed.map((row) => row.event.body)).toEqual([event.body, event.body, event.body]);
  });
});
