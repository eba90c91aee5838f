import { logLevel } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import {
  ENVELOPE_CONTENT_TYPE,
  ENVELOPE_HEADERS,
  ENVELOPE_SCHEMA_VERSION,
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

const { kafka: connection, internalTopicHmacKey } = testInfrastructure();
const kafka = createKafka(connection, 'unmatchable-topics-spec', { logLevel: logLevel.NOTHING });
const registry = new InternalRecordAuthenticator(internalTopicHmacKey);

// An object type of this spec alone, so its topics follow the `<app_label>.<model>.<event>` naming the
// dispatcher pauses by, and no other spec publishes on them.
const appLabel = uniqueName('skip');
const objectType = `${appLabel}.report`;
const created = `${objectType}.created`;
const updated = `${objectType}.updated`;
const deleted = `${objectType}.deleted`;
// Not named after an event: always fetched, so the spec can see that the intake does fetch.
const control = uniqueName('events');
const topics = {
  events: [created, updated, deleted, control],
  webhookDefinitions: uniqueName('webhooks'),
  deadLetter: uniqueName('dead_letters'),
};

/** Every topic-partition the kafkajs consumers of this process asked the broker for, in order. */
const fetched: string[] = [];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Broker = require('kafkajs/src/broker') as {
  prototype: { fetch(request: { topics: Array<{ topic: string }> }): Promise<unknown> };
};
const realFetch = Broker.prototype.fetch;

function event(kind: 'created' | 'updated' | 'deleted', id: number): OutgoingKafkaMessage {
  const body = {
    event: kind,
    timestamp: '2024-01-10T08:15:02.401177+00:00',
    model: 'report',
    username: 'admin',
    request_id: null,
    data: { id, display: `report-${id}` },
    snapshots: { prechange: null, postchange: null },
  };
  return {
    // One key: every event of a topic in one partition, so "the later one arrived" means "the earlier
    // one was passed over".
    key: 'report',
    value: Buffer.from(JSON.stringify(body)),
    headers: {
      [ENVELOPE_HEADERS.eventId]: uuidv7(),
      [ENVELOPE_HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
      [ENVELOPE_HEADERS.schemaVersion]: ENVELOPE_SCHEMA_VERSION,
      [ENVELOPE_HEADERS.objectType]: objectType,
      [ENVELOPE_HEADERS.event]: kind,
    },
  };
}

describe('the intake fetches only topics a webhook can match', () => {
  let config: DispatcherConfig;
  let service: TestService;
  let producer: EventProducer;
  let receiver: TestReceiver;

  const view = () => service.app.get(WebhookView, { strict: false });

  async function register(definition: WebhookDefinition): Promise<void> {
    await producer.send(topics.webhookDefinitions, [
      registry.sign(WEBHOOK_DEFINITIONS_TOPIC, encodeWebhookDefinition(definition).message),
    ]);
    await waitFor('the webhook in the view', () =>
      JSON.stringify(view().get(definition.id)?.definition) === JSON.stringify(definition) ? true : undefined,
    );
  }

  /** Publishes and answers the offset after the record: where a dispatcher that dropped it commits. */
  async function publish(topic: string, message: OutgoingKafkaMessage): Promise<number> {
    await producer.send(topic, [message]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      return Math.max(...(await admin.fetchTopicOffsets(topic)).map(({ high }) => Number(high)));
    } finally {
      await admin.disconnect();
    }
  }

  /** Waits until the dispatcher's group committed this topic up to `offset` (it has 1 partition with data). */
  async function committedTo(topic: string, offset: number): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitFor(`the group's offset of ${topic} at ${offset}`, async () => {
        const [{ partitions }] = await admin.fetchOffsets({ groupId: config.consumerGroup, topics: [topic] });
        return partitions.some((partition) => Number(partition.offset) >= offset) ? true : undefined;
      });
    } finally {
      await admin.disconnect();
    }
  }

  const delivered = (webhookId: number) =>
    receiver.requests
      .filter((request) => request.path === `/hooks/${webhookId}`)
      .map((request) => (JSON.parse(request.body.toString()) as { data: { id: number } }).data.id);

  async function deliveredTo(webhookId: number, id: number): Promise<number[]> {
    return waitFor(`event ${id} delivered to webhook ${webhookId}`, () =>
      delivered(webhookId).includes(id) ? delivered(webhookId) : undefined,
    );
  }

  const start = async () => {
    service = await startTestService(AppModule.register(config), config);
  };

  beforeAll(async () => {
    jest.spyOn(Broker.prototype, 'fetch').mockImplementation(function (this: unknown, request) {
      for (const { topic } of request.topics) fetched.push(topic);
      return realFetch.call(this, request);
    });
    await ensureTopics(connection, [
      ...[created, updated, deleted, control].map((name) => ({
        name,
        partitions: 2,
        cleanupPolicy: 'delete' as const,
        producer: 'reports' as const,
        public: true,
      })),
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
    config = {
      ...testServiceConfig('dispatcher'),
      consumerGroup: uniqueName('dispatcher'),
      topics,
      delivery: {
        retryScheduleSeconds: [1, 1, 1],
        blockPrivateAddresses: false,
        concurrency: 20,
        concurrencyPerWebhook: 1,
        logRetentionDays: 30,
      },
    };
  });

  afterAll(async () => {
    await service.close();
    await producer.disconnect();
    await receiver.close();
    jest.restoreAllMocks();
  });

  it('skips a topic until a webhook takes it, then delivers only events published after the webhook', async () => {
    const before = await publish(created, event('created', 1));
    await start();

    // (1) No webhook: the created topic is never fetched, and its offset moves past event 1 anyway.
    await committedTo(created, before);
    await waitFor('a fetch of the control topic', () => (fetched.includes(control) ? true : undefined));
    expect(fetched).not.toContain(created);
    expect(fetched).not.toContain(updated);

    // (2) + (3) A webhook for created events: event 2 (after it) arrives, event 1 (long before) does not.
    const webhook = aWebhookDefinition(1, `${receiver.url}/hooks/1`, { content_types: [objectType] });
    await register(webhook);
    await publish(created, event('created', 2));
    expect(await deliveredTo(1, 2)).toEqual([2]);
    expect(fetched).toContain(created);
    expect(fetched).not.toContain(updated);
  });

  it('keeps skipping across a restart, and a webhook created after it gets only later events', async () => {
    await service.close();
    fetched.length = 0;
    const whileDown = await publish(updated, event('updated', 3));
    await start();

    // (4) The updated topic is still not fetched; its offset moves past event 3; created is delivered.
    await committedTo(updated, whileDown);
    await publish(created, event('created', 4));
    expect(await deliveredTo(1, 4)).toEqual([2, 4]);
    expect(fetched).not.toContain(updated);

    const onUpdate = aWebhookDefinition(2, `${receiver.url}/hooks/2`, {
      content_types: [objectType],
      type_create: false,
      type_update: true,
    });
    await register(onUpdate);
    await publish(updated, event('updated', 5));
    expect(await deliveredTo(2, 5)).toEqual([5]);
  });

  it('skips a topic again once its last webhook is disabled', async () => {
    const onUpdate = aWebhookDefinition(2, `${receiver.url}/hooks/2`, {
      content_types: [objectType],
      type_create: false,
      type_update: true,
      enabled: false,
    });
    await register(onUpdate);
    // A fetch built before the change may still go out; none is built after it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    fetched.length = 0;

    // (5) Event 6 is passed over without a fetch, as a disabled webhook gets nothing.
    const after = await publish(updated, event('updated', 6));
    await committedTo(updated, after);
    await publish(created, event('created', 7));
    await deliveredTo(1, 7);
    expect(fetched).toContain(created);
    expect(fetched).not.toContain(updated);
    expect(delivered(2)).toEqual([5]);
  });

  it('does not give a new webhook the events published before it was saved', async () => {
    // Event 8 waits on a skipped topic whose offset has not yet moved past it (that happens every few
    // seconds), so resuming the topic for the new webhook reads it: its time, not the read, decides.
    await publish(deleted, event('deleted', 8));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const onDelete = aWebhookDefinition(3, `${receiver.url}/hooks/3`, {
      content_types: [objectType],
      type_create: false,
      type_delete: true,
      created: new Date().toISOString(),
    });
    await register(onDelete);
    await publish(deleted, event('deleted', 9));
    expect(await deliveredTo(3, 9)).toEqual([9]);
  });
});
