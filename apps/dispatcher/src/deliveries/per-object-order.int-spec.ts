import { logLevel } from 'kafkajs';
import { encodeEnvelope, encodeWebhookDefinition, WEBHOOK_DEFINITIONS_TOPIC } from '@validity/contracts';
import {
  createKafka,
  ensureTopics,
  EventProducer,
  InternalRecordAuthenticator,
} from '@validity/platform/kafka';
import { aWebhookDefinition, testInfrastructure, TestReceiver, uniqueName, waitFor } from '@validity/testing';
import { DispatcherProcess, freePort } from './testing/dispatcher-process';

const { kafkaBrokers, databaseUrl, internalTopicHmacKey } = testInfrastructure();
const kafka = createKafka(testInfrastructure().kafka, 'per-object-order-spec', {
  logLevel: logLevel.NOTHING,
});
/**
 * The 10,000 events on 3 partitions. Many objects with few events each keeps the run short (an
 * object's deliveries go one after the other, objects side by side) while every object still has a
 * sequence whose order can break.
 */
const OBJECTS = 1_000;
const EVENTS_PER_OBJECT = 10;
const EVENTS = OBJECTS * EVENTS_PER_OBJECT;
const ADMIN_TOKEN = 'b7d1b7d1b7d1b7d1b7d1b7d1b7d1b7d1b7d1b7d1';

/** Event `sequence` of object `objectId`, keyed by the object id (so one object stays on one partition). */
function objectUpdated(objectId: number, sequence: number) {
  return encodeEnvelope(
    {
      event: 'created',
      timestamp: '2024-01-10T08:15:02.401177+00:00',
      model: 'compliancereport',
      username: 'admin',
      request_id: null,
      data: { id: objectId, sequence },
      snapshots: { prechange: null, postchange: null },
    },
    { objectType: 'validity.compliancereport', objectId },
  ).message;
}

/** The first attempt of about one delivery in 16 fails (by its webhook-id), then succeeds. */
function failsFirst(webhookId: string): boolean {
  let hash = 0;
  for (const character of webhookId) hash = (hash * 31 + character.charCodeAt(0)) | 0;
  return (hash & 15) === 0;
}

describe('ordering "per_object": 10,000 events on 3 partitions, a failing receiver, two dispatchers, a SIGKILL', () => {
  const topics = {
    events: uniqueName('order_events'),
    webhookDefinitions: uniqueName('order_webhooks'),
  };
  const schema = uniqueName('dispatcher_order');
  const consumerGroup = uniqueName('dispatcher_order');
  let survivor: DispatcherProcess;
  let victim: DispatcherProcess;
  let producer: EventProducer;
  let receiver: TestReceiver;
  const failedOnce = new Set<string>();
  /** Indexes of the requests answered 500 (the receiver did not take them). */
  const refused = new Set<number>();
  /**
   * The victim dies from inside the receiver, at an exact request: a kill after polling the receiver
   * came too late on a loaded machine, once every event had already been delivered.
   */
  const KILL_AT_REQUEST = EVENTS / 4;
  let victimKilled: Promise<void> | undefined;

  /** One dispatcher exactly as deployed, in its own process, in the shared group and schema. */
  async function dispatcherProcess(): Promise<DispatcherProcess> {
    const dispatcher = new DispatcherProcess({
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafkaBrokers,
      DISPATCHER_PORT: String(await freePort()),
      DISPATCHER_SCHEMA: schema,
      DISPATCHER_CONSUMER_GROUP: consumerGroup,
      DISPATCHER_EVENT_TOPICS: topics.events,
      DISPATCHER_WEBHOOKS_TOPIC: topics.webhookDefinitions,
      DELIVERY_RETRY_SCHEDULE: '1,1,1,1,1,1',
      DELIVERY_CONCURRENCY: '200',
      DELIVERY_CONCURRENCY_PER_WEBHOOK: '100',
      ADMIN_TOKEN,
      INTERNAL_TOPIC_HMAC_KEY: internalTopicHmacKey,
      LOG_LEVEL: 'warn',
    });
    await dispatcher.start();
    return dispatcher;
  }

  beforeAll(async () => {
    await ensureTopics(testInfrastructure().kafka, [
      { name: topics.events, partitions: 3, cleanupPolicy: 'delete', producer: 'reports', public: true },
      {
        name: topics.webhookDefinitions,
        partitions: 1,
        cleanupPolicy: 'compact',
        producer: 'webhook-registry',
        public: false,
      },
    ]);
    producer = await EventProducer.connect(kafka);
    receiver = await TestReceiver.start({
      answer: (request, index) => {
        if (index === KILL_AT_REQUEST) victimKilled = victim.kill('SIGKILL');
        const id = request.headers['webhook-id'];
        if (failsFirst(id) && !failedOnce.has(id)) {
          failedOnce.add(id);
          refused.add(index);
          return { status: 500 };
        }
        return { status: 200 };
      },
    });
    await producer.send(topics.webhookDefinitions, [
      new InternalRecordAuthenticator(internalTopicHmacKey).sign(
        WEBHOOK_DEFINITIONS_TOPIC,
        encodeWebhookDefinition(
          aWebhookDefinition(1, `${receiver.url}/ordered`, { ordering: 'per_object', timeout: 2 }),
        ).message,
      ),
    ]);
    // One after the other: the first migrates the schema. Both are up before the first event, so
    // both share the partitions and the victim dies with work of its own in flight.
    victim = await dispatcherProcess();
    survivor = await dispatcherProcess();
    for (let sequence = 0; sequence < EVENTS_PER_OBJECT; sequence += 1) {
      await producer.send(
        topics.events,
        Array.from({ length: OBJECTS }, (_, index) => objectUpdated(index + 1, sequence)),
      );
    }
  }, 420_000);

  afterAll(async () => {
    await victim?.kill('SIGKILL');
    await survivor?.kill('SIGTERM');
    await producer?.disconnect();
    await receiver?.close();
  });

  it('delivers every event, and no object’s events ever reach the receiver out of order', async () => {
    await waitFor('the victim killed', () => (victimKilled ? true : undefined), 240_000);
    await victimKilled;

    const sequenceOf = (body: Buffer) =>
      JSON.parse(body.toString()) as { data: { id: number; sequence: number } };
    await waitFor(
      'every event taken by the receiver',
      () => {
        const taken = new Set<string>();
        receiver.requests.forEach((request, index) => {
          if (!refused.has(index)) taken.add(request.headers['webhook-id']);
        });
        return taken.size === EVENTS ? true : undefined;
      },
      360_000,
    );
    expect(failedOnce.size).toBeGreaterThan(0);
    // The order the receiver takes them in: per webhook-id, the first request it answered 2xx (a
    // receiver drops duplicates by webhook-id). Per object, that sequence never goes back. Later copies
    // are left out: bytes the killed dispatcher had already written can reach a starved receiver after
    // the survivor's resend and the events after it, which no sender can prevent.
    const last = new Map<number, { sequence: number; request: (typeof receiver.requests)[number] }>();
    const taken = new Set<string>();
    const outOfOrder: string[] = [];
    const described = (request: (typeof receiver.requests)[number]) =>
      `${request.headers['webhook-id']} sent ${request.headers['webhook-timestamp']} received ${request.receivedAt}`;
    receiver.requests.forEach((request, index) => {
      const id = request.headers['webhook-id'];
      if (refused.has(index) || taken.has(id)) return;
      taken.add(id);
      const { data } = sequenceOf(request.body);
      const previous = last.get(data.id);
      if (previous && data.sequence < previous.sequence)
        outOfOrder.push(
          `object ${data.id}: ${data.sequence} (${described(request)}) after ${previous.sequence} (${described(previous.request)})`,
        );
      if (!previous || data.sequence >= previous.sequence)
        last.set(data.id, { sequence: data.sequence, request });
    });
    expect(outOfOrder.slice(0, 5)).toEqual([]);
    expect(last.size).toBe(OBJECTS);
    expect([...last.values()].every(({ sequence }) => sequence === EVENTS_PER_OBJECT - 1)).toBe(true);
  }, 660_000);
});
