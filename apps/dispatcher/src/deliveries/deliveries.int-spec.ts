import { createHmac } from 'node:crypto';
import { logLevel, type Kafka } from 'kafkajs';
import { Webhook } from 'standardwebhooks';
import {
  buildAsyncApiDocument,
  DEAD_LETTER_TOPIC,
  encodeEnvelope,
  encodeWebhookDefinition,
  WEBHOOK_DEFINITIONS_TOPIC,
  webhookDefinitionTombstone,
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
import { checkKafkaRecord, type RecordUnderCheck } from '@validity/schema-testing';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import {
  aWebhookDefinition,
  testInfrastructure,
  TestReceiver,
  uniqueName,
  waitFor,
  type ReceivedRequest,
} from '@validity/testing';
import { AppModule } from '../app.module';
import type { DispatcherConfig } from '../config';
import { WebhookView } from '../webhook-view/webhook-view';
import { DeliveryStore } from './store/delivery-store';
import { SqlClient } from '../storage/sql-client';

const { kafka: connection, internalTopicHmacKey } = testInfrastructure();
const kafka = createKafka(connection, 'dispatcher-spec', { logLevel: logLevel.NOTHING });
/** Signs definitions as the registry does; the dispatcher ignores any without its HMAC. */
const registry = new InternalRecordAuthenticator(internalTopicHmacKey);

// This dispatcher reads its own topics, so no other spec's events or webhooks reach it.
const topics = {
  events: [uniqueName('events')],
  webhookDefinitions: uniqueName('webhooks'),
  deadLetter: uniqueName('dead_letters'),
};
const PER_WEBHOOK = 3;

function reportCreated(id: number, data: Record<string, unknown> = {}): OutgoingKafkaMessage {
  const envelope: NetBoxEnvelope = {
    event: 'created',
    timestamp: '2024-01-10T08:15:02.401177+00:00',
    model: 'compliancereport',
    username: 'admin',
    request_id: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11',
    data: { id, url: `/api/plugins/validity/reports/${id}/`, display: `report-${id}`, ...data },
    snapshots: { prechange: null, postchange: { created: '2024-01-10T08:14:58.120Z' } },
  };
  return encodeEnvelope(envelope, { objectType: 'validity.compliancereport', objectId: id }).message;
}

let nextWebhookId = 1;
function webhook(receiver: TestReceiver, overrides: Partial<WebhookDefinition> = {}): WebhookDefinition {
  const id = nextWebhookId++;
  return aWebhookDefinition(id, `${receiver.url}/hooks/${id}`, overrides);
}

/** Reads the dead-letter topic until the record of this event and webhook arrives. */
async function deadLetterOf(client: Kafka, eventId: string, webhookId: number) {
  const consumer = client.consumer({ groupId: uniqueName('dead_letter_reader') });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topics.deadLetter], fromBeginning: true });
    return await new Promise<Omit<RecordUnderCheck, 'topic'>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no dead letter for ${eventId}`)), 20_000);
      void consumer.run({
        eachMessage: ({ message }) => {
          const headers = Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
          );
          if (headers['event-id'] === eventId && headers['dead-letter-webhook-id'] === String(webhookId)) {
            clearTimeout(timer);
            resolve({ key: message.key?.toString() ?? null, value: message.value, headers });
          }
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}

describe('the dispatcher on a real broker, database and receivers', () => {
  let service: TestService;
  let producer: EventProducer;
  const receivers: TestReceiver[] = [];
  let registered: number[] = [];

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
    (await api(`?webhook_id=${webhookId}`)).body.results as Array<Record<string, unknown>>;
  const deliveredOf = (webhookId: number) =>
    waitFor(`the deliveries of webhook ${webhookId} delivered`, async () => {
      const deliveries = await deliveriesOf(webhookId);
      const delivered = deliveries.every(
        (delivery) => (delivery.status as { value: string }).value === 'delivered',
      );
      return deliveries.length > 0 && delivered ? deliveries : undefined;
    });

  /** Publishes the webhooks and waits until the dispatcher's view has them. */
  async function register(...definitions: WebhookDefinition[]): Promise<void> {
    registered.push(...definitions.map((definition) => definition.id));
    await producer.send(
      topics.webhookDefinitions,
      definitions.map((definition) =>
        registry.sign(WEBHOOK_DEFINITIONS_TOPIC, encodeWebhookDefinition(definition).message),
      ),
    );
    const view = service.app.get(WebhookView, { strict: false });
    await waitFor('the webhooks in the view', () =>
      definitions.every((definition) => view.get(definition.id)?.definition.name === definition.name)
        ? true
        : undefined,
    );
  }

  async function publish(...messages: OutgoingKafkaMessage[]): Promise<string[]> {
    await producer.send(topics.events[0], messages);
    return messages.map((message) => message.headers['event-id']);
  }

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
      consumerGroup: uniqueName('dispatcher'),
      topics,
      delivery: {
        retryScheduleSeconds: [1, 1, 1],
        blockPrivateAddresses: false,
        concurrency: 50,
        concurrencyPerWebhook: PER_WEBHOOK,
        logRetentionDays: 30,
      },
    };
    service = await startTestService(AppModule.register(config), config);
  });

  // Every webhook here takes every report event: each test deletes its own, so the next test's events
  // reach only the next test's webhooks.
  afterEach(async () => {
    await producer.send(
      topics.webhookDefinitions,
      registered.map((id) =>
        registry.sign(WEBHOOK_DEFINITIONS_TOPIC, webhookDefinitionTombstone(id).message),
      ),
    );
    const view = service.app.get(WebhookView, { strict: false });
    await waitFor('the deletions', () => (registered.some((id) => view.get(id)) ? undefined : true));
    registered = [];
  });

  afterAll(async () => {
    await service.close();
    await producer.disconnect();
    await Promise.all(receivers.map((started) => started.close()));
  });

  it('forwards the event bytes, signed as NetBox does and as Standard Webhooks does', async () => {
    const target = await receiver();
    const secret = 'correct horse battery staple ✓';
    const hook = webhook(target, { secret });
    await register(hook);
    const message = reportCreated(101);
    const [eventId] = await publish(message);

    const [request] = await target.waitForRequests(1);
    expect(request.body).toEqual(message.value);
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'accept-encoding': 'identity',
      'user-agent': expect.stringMatching(/^validity-events\/\d+\.\d+\.\d+$/),
      'webhook-id': `msg_${eventId}_${hook.id}`,
    });
    // NetBox's signature, computed here independently of the dispatcher's signing code.
    const expected = createHmac('sha512', Buffer.from(secret, 'utf8')).update(request.body).digest('hex');
    expect(request.headers['x-hook-signature']).toBe(expected);
    const verifier = new Webhook(`whsec_${Buffer.from(secret, 'utf8').toString('base64')}`);
    expect(() => verifier.verify(request.body, request.headers)).not.toThrow();
  });

  it("renders body_template, additional_headers and payload_url with NetBox's context", async () => {
    const target = await receiver();
    const hook = webhook(target, {
      http_method: 'PUT',
      http_content_type: 'text/plain',
      payload_url: `${target.url}/reports/{{ data.id }}?event={{ event }}`,
      additional_headers: 'X-Report: {{ data.display }}\nX-Requested-By: {{ username }}',
      body_template: '{{ model }} {{ data.id }} passed {{ data.total_passed }} of {{ data.total_count }}',
    });
    await register(hook);
    await publish(reportCreated(102, { total_passed: 6, total_count: 8 }));

    const [request] = await target.waitForRequests(1);
    expect(request).toMatchObject({ method: 'PUT', path: '/reports/102?event=created' });
    expect(request.headers).toMatchObject({
      'content-type': 'text/plain',
      'x-report': 'report-102',
      'x-requested-by': 'admin',
    });
    expect(request.body.toString()).toBe('compliancereport 102 passed 6 of 8');
  });

  it('delivers only events whose conditions hold, and fails a delivery whose conditions break', async () => {
    const target = await receiver();
    const passing = webhook(target, { conditions: { and: [{ attr: 'total_passed', op: 'gte', value: 5 }] } });
    const broken = webhook(target, { conditions: { and: [{ attr: 'missing', op: 'gt', value: 1 }] } });
    await register(passing, broken);
    const [, eventId] = await publish(
      reportCreated(103, { total_passed: 2 }),
      reportCreated(104, { total_passed: 7 }),
    );

    const [request] = await target.waitForRequests(1, (seen) => seen.path === `/hooks/${passing.id}`);
    expect(request.headers['webhook-id']).toBe(`msg_${eventId}_${passing.id}`);
    const failed = await waitFor('the failed deliveries', async () => {
      const deliveries = await deliveriesOf(broken.id);
      return deliveries.length === 2 ? deliveries : undefined;
    });
    expect(failed.map((delivery) => [delivery.status, delivery.attempt_count])).toEqual([
      [{ value: 'failed', label: 'Failed' }, 0],
      [{ value: 'failed', label: 'Failed' }, 0],
    ]);
    expect(failed[0].last_error).toMatch(/^condition error: .*missing/);
    expect(target.requests.filter((seen) => seen.path === `/hooks/${broken.id}`)).toHaveLength(0);
    // A first attempt's row is written with its outcome, a moment after the request.
    const passed = await waitFor('the passing delivery in the log', async () => {
      const deliveries = await deliveriesOf(passing.id);
      return deliveries.length > 0 ? deliveries : undefined;
    });
    expect(passed).toHaveLength(1);
  });

  it('retries a receiver that fails twice, then delivers with the same webhook-id; the log has every attempt', async () => {
    const target = await receiver({ statuses: [500, 500, 200] });
    const hook = webhook(target);
    await register(hook);
    await publish(reportCreated(105));

    const requests = await target.waitForRequests(3);
    expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
    const [summary] = await deliveredOf(hook.id);
    const detail = await api(`${summary.id as number}/`);
    expect(detail.body).toMatchObject({ status: { value: 'delivered' }, attempt_count: 3, last_error: null });
    expect(
      (detail.body.attempts as Array<Record<string, unknown>>).map(({ number, status_code, error }) => ({
        number,
        status_code,
        error,
      })),
    ).toEqual([
      { number: 1, status_code: 500, error: null },
      { number: 2, status_code: 500, error: null },
      { number: 3, status_code: 200, error: null },
    ]);
  });

  it('gives up after the schedule and puts the delivery on the dead-letter topic with its reason', async () => {
    const target = await receiver({ statuses: [500] });
    const hook = webhook(target);
    await register(hook);
    const [eventId] = await publish(reportCreated(106));

    await target.waitForRequests(4);
    const deadLetter = await deadLetterOf(kafka, eventId, hook.id);
    expect(deadLetter.headers).toMatchObject({
      'dead-letter-reason': 'retries-exhausted',
      'dead-letter-message': 'HTTP 500 (gave up after 4 attempts)',
      'dead-letter-attempts': '4',
      'dead-letter-message-id': `msg_${eventId}_${hook.id}`,
      'object-type': 'validity.compliancereport',
    });
    expect(JSON.parse(deadLetter.value!.toString())).toMatchObject({ event: 'created', data: { id: 106 } });
    // What operators are promised in the AsyncAPI document (read as if on the real dead-letter topic).
    expect(checkKafkaRecord(buildAsyncApiDocument(), { topic: DEAD_LETTER_TOPIC, ...deadLetter })).toEqual(
      [],
    );
    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery.status).toEqual({ value: 'failed', label: 'Failed' });
    expect(target.requests).toHaveLength(4);
  });

  it('redelivers one delivery, and replays by filter, with the same webhook-id', async () => {
    const target = await receiver();
    const hook = webhook(target);
    await register(hook);
    await publish(reportCreated(107));
    const [first] = await target.waitForRequests(1);
    const [delivery] = await deliveredOf(hook.id);

    const redelivered = await api(`${delivery.id as number}/redeliver/`, { method: 'POST' });
    expect(redelivered).toMatchObject({ status: 200, body: { message_id: first.headers['webhook-id'] } });
    const [, second] = await target.waitForRequests(2);
    await deliveredOf(hook.id);

    const replayed = await api(`replay/?webhook_id=${hook.id}&status=delivered`, { method: 'POST' });
    expect(replayed).toEqual({ status: 200, body: { count: 1 } });
    const [, , third] = await target.waitForRequests(3);
    expect([second, third].map((request) => request.headers['webhook-id'])).toEqual([
      first.headers['webhook-id'],
      first.headers['webhook-id'],
    ]);
    await deliveredOf(hook.id);
    const detail = await api(`${delivery.id as number}/`);
    expect((detail.body.attempts as Array<{ number: number }>).map((attempt) => attempt.number)).toEqual([
      1, 2, 3,
    ]);

    expect(await api('replay/', { method: 'POST' })).toMatchObject({ status: 400 });
    expect(await api('999999999/redeliver/', { method: 'POST' })).toEqual({
      status: 404,
      body: { detail: 'Not found.' },
    });
  });

  it('keeps delivering to a fast receiver while a slow one holds all of its slots', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow = await receiver({ answer: async () => (await released, { status: 200 }) });
    const fast = await receiver();
    const slowHook = webhook(slow, { timeout: 60 });
    const fastHook = webhook(fast);
    await register(slowHook, fastHook);
    await publish(...Array.from({ length: 10 }, (_, index) => reportCreated(200 + index)));

    const fastRequests = await fast.waitForRequests(10);
    // The slow receiver answers nothing yet: it has exactly its lane's worth of requests, no more.
    expect(slow.requests).toHaveLength(PER_WEBHOOK);
    expect(new Set(fastRequests.map((request: ReceivedRequest) => request.headers['webhook-id'])).size).toBe(
      10,
    );
    release();
    await slow.waitForRequests(10);
  });

  it('lists deliveries NetBox-style with filters, and only with a token', async () => {
    const target = await receiver();
    const hook = webhook(target);
    await register(hook);
    await publish(reportCreated(300), reportCreated(301));
    await target.waitForRequests(2);

    const page = await waitFor('both deliveries', async () => {
      const listed = await api(`?webhook_id=${hook.id}&limit=1`);
      return listed.body.count === 2 ? listed.body : undefined;
    });
    expect(page).toMatchObject({ count: 2, previous: null, next: expect.stringContaining('offset=1') });
    const [entry] = page.results as Array<Record<string, unknown>>;
    expect(entry).toMatchObject({
      url: `${service.url}/api/extras/webhook-deliveries/${entry.id as number}/`,
      webhook: { id: hook.id, name: hook.name, url: `${service.url}/api/extras/webhooks/${hook.id}/` },
      event: 'created',
      object_type: 'validity.compliancereport',
      request_id: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11',
    });
    const count = async (filters: string) => (await api(`?webhook_id=${hook.id}&${filters}`)).body.count;
    expect(await count('object_id=301')).toBe(1);
    expect(await count('status=failed')).toBe(0);
    expect(await count('event=deleted')).toBe(0);
    expect(await count('created__gte=2999-01-01')).toBe(0);
    expect(await count('created__lte=2999-01-01&object_type=validity.compliancereport')).toBe(2);
    expect((await api('?status=lost')).status).toBe(400);

    const anonymous = await fetch(`${service.url}/api/extras/webhook-deliveries/`);
    expect(anonymous.status).toBe(403);
  });

  it('serves Prometheus metrics, per-webhook delivery series labelled with the webhook id only', async () => {
    // Series are per webhook that exists: earlier tests' webhooks are deleted, and their series with them.
    const delivering = webhook(await receiver());
    const gone = webhook(await receiver({ statuses: [410] }));
    await register(delivering, gone);
    await publish(reportCreated(350));
    await deliveredOf(delivering.id);
    await waitFor('the failed delivery', async () =>
      (await deliveriesOf(gone.id)).some(
        (delivery) => (delivery.status as { value: string }).value === 'failed',
      )
        ? true
        : undefined,
    );
    const response = await fetch(`${service.url}/metrics`);
    const text = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const perWebhook = (family: string, outcome: string) =>
      new RegExp(
        `^${family}\\{webhook_id="\\d+",outcome="${outcome}",service="dispatcher"\\} [1-9]\\d*$`,
        'm',
      );
    expect(text).toMatch(perWebhook('validity_dispatcher_deliveries_total', 'delivered'));
    expect(text).toMatch(perWebhook('validity_dispatcher_deliveries_total', 'failed'));
    expect(text).toMatch(
      /^validity_dispatcher_attempt_duration_seconds_count\{service="dispatcher",webhook_id="\d+"\} [1-9]\d*$/m,
    );
    expect(text).toMatch(
      /^validity_dispatcher_delivery_lag_seconds_count\{service="dispatcher"\} [1-9]\d*$/m,
    );
    expect(text).toMatch(/^validity_dispatcher_backlog_deliveries\{service="dispatcher"\} \d+$/m);
    expect(text).toMatch(
      /^validity_dispatcher_circuit_state\{webhook_id="\d+",service="dispatcher"\} [012]$/m,
    );
    expect(text).toMatch(
      new RegExp(
        `^validity_dispatcher_consumer_lag_records\\{topic="${topics.events[0]}",partition="0",service="dispatcher"\\} \\d+$`,
        'm',
      ),
    );
  });

  it('prunes attempts and finished deliveries older than the retention', async () => {
    const target = await receiver();
    const hook = webhook(target);
    await register(hook);
    await publish(reportCreated(400));
    const [old] = await deliveredOf(hook.id);
    const sql = service.app.get(SqlClient, { strict: false });
    await sql.rows(
      `UPDATE ${sql.table('deliveries')} SET last_updated = now() - interval '31 days' WHERE id = $1`,
      [old.id],
    );
    await sql.rows(
      `UPDATE ${sql.table('attempts')} SET started = now() - interval '31 days' WHERE delivery_id = $1`,
      [old.id],
    );
    const before = await sql.rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM ${sql.table('deliveries')}`,
    );

    await service.app.get(DeliveryStore, { strict: false }).prune(30);

    const [gone] = await sql.rows(`SELECT id FROM ${sql.table('deliveries')} WHERE id = $1`, [old.id]);
    const attempts = await sql.rows(`SELECT id FROM ${sql.table('attempts')} WHERE delivery_id = $1`, [
      old.id,
    ]);
    const after = await sql.rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM ${sql.table('deliveries')}`,
    );
    expect([gone, attempts.length, after[0].count]).toEqual([undefined, 0, before[0].count - 1]);
  });

  it('sends a test event to one webhook only: the sample report, rendered with its templates and signed, logged like any delivery', async () => {
    const target = await receiver();
    const bystander = await receiver();
    const secret = 'test-event-secret';
    // Neither its content types nor its events would match a report: a test event goes anyway.
    const hook = webhook(target, {
      secret,
      content_types: ['extras.webhook'],
      type_create: false,
      additional_headers: 'X-Report: {{ data.display }}',
    });
    await register(hook, webhook(bystander));
    const sendTest = (body: unknown) =>
      api('test/', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    const response = await fetch(`${service.url}/api/extras/webhook-deliveries/test/`, {
      method: 'POST',
      headers: { Authorization: service.auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ webhook: hook.id }),
    });
    const sent = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(sent.url);
    expect(sent).toMatchObject({
      webhook: { id: hook.id },
      event: 'created',
      object_type: 'validity.compliancereport',
      object_id: '0',
      request_id: response.headers.get('x-request-id'),
      attempts: [],
    });

    const [request] = await target.waitForRequests(1);
    expect(request.headers['webhook-id']).toBe(sent.message_id);
    expect(request.headers['x-report']).toBe('report-0');
    const signature = createHmac('sha512', Buffer.from(secret, 'utf8')).update(request.body).digest('hex');
    expect(request.headers['x-hook-signature']).toBe(signature);
    expect(JSON.parse(request.body.toString())).toMatchObject({
      event: 'created',
      model: 'compliancereport',
      request_id: sent.request_id,
      data: { id: 0, url: '/api/plugins/validity/reports/0/' },
    });
    const [delivered] = await deliveredOf(hook.id);
    expect(delivered.id).toBe(sent.id);
    expect(bystander.requests).toEqual([]);

    expect(await sendTest({ webhook: 999_999 })).toEqual({
      status: 400,
      body: { webhook: ['Invalid pk "999999" - object does not exist.'] },
    });
    expect(await sendTest({})).toEqual({ status: 400, body: { webhook: ['This field is required.'] } });
    expect(await sendTest({ webhook: 'one' })).toEqual({
      status: 400,
      body: { webhook: ['Incorrect type. Expected pk value, received str.'] },
    });
    const disabled = webhook(target, { enabled: false });
    await register(disabled);
    expect(await sendTest({ webhook: disabled.id })).toMatchObject({ status: 409 });
    expect(target.requests).toHaveLength(1);
  });

  it('logs the request headers and body each attempt sent, every secret masked, and no secret reaches the API answer', async () => {
    const target = await receiver();
    const secret = 'signing-secret-never-shown';
    const hook = webhook(target, {
      secret,
      payload_url: `${target.url.replace('://', '://robot:url-password-never-shown@')}/hooks/masked`,
      additional_headers: 'X-Api-Key: key-{{ data.id }}-never-shown\nX-Empty:',
    });
    await register(hook);
    const message = reportCreated(410);
    const [eventId] = await publish(message);
    const [request] = await target.waitForRequests(1);
    const [delivery] = await deliveredOf(hook.id);

    const detail = await api(`${delivery.id as number}/`);
    const [attempt] = detail.body.attempts as Array<Record<string, unknown>>;
    const sentHeaders = {
      'Content-Type': 'application/json',
      'X-Api-Key': '********',
      'X-Empty': '',
      Authorization: '********',
      'X-Hook-Signature': '********',
      'webhook-id': `msg_${eventId}_${hook.id}`,
      'webhook-timestamp': request.headers['webhook-timestamp'],
      'webhook-signature': '********',
      'User-Agent': request.headers['user-agent'],
      'Accept-Encoding': 'identity',
    };
    expect(attempt.request_headers).toEqual(sentHeaders);
    // In the order they were sent (a json column, not jsonb, which would reorder the keys).
    expect(Object.keys(attempt.request_headers as object)).toEqual(Object.keys(sentHeaders));
    expect(attempt.request_body).toBe(message.value!.toString());
    // The receiver got the secrets; the log answer holds none of them, in any form.
    expect(request.headers['x-api-key']).toBe('key-410-never-shown');
    const answer = JSON.stringify(detail.body);
    for (const leaked of [
      secret,
      'key-410-never-shown',
      'url-password-never-shown',
      Buffer.from('robot:url-password-never-shown').toString('base64'),
      request.headers['x-hook-signature'],
      request.headers['webhook-signature'],
    ])
      expect(answer).not.toContain(leaked);
  });
});
