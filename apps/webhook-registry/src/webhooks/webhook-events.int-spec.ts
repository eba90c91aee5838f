import { DataSource } from 'typeorm';
import { decodeWebhookDefinition, WEBHOOK_DEFINITIONS_TOPIC } from '@validity/contracts';
import { createKafka } from '@validity/platform/kafka';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aWebhookBody, testInfrastructure, waitFor } from '@validity/testing';
import { AppModule } from '../app.module';
import { webhookApi, type WebhookBody } from './testing/webhook-api';
import { TopicCollector, type CollectedRecord } from './testing/topic-collector';

const PUBLIC_TOPICS = ['extras.webhook.created', 'extras.webhook.updated', 'extras.webhook.deleted'];

interface StoredEvent {
  event_id: string;
  topic: string;
  version: number;
}

describe('webhook changes, event-sourced onto Kafka', () => {
  let service: TestService;
  let api: ReturnType<typeof webhookApi>;
  let dataSource: DataSource;
  const collector = new TopicCollector(createKafka(testInfrastructure().kafka, 'webhook-events-spec'), [
    ...PUBLIC_TOPICS,
    WEBHOOK_DEFINITIONS_TOPIC,
  ]);

  /** The webhook's stream as the event store holds it, oldest first. */
  const streamOf = (id: number): Promise<StoredEvent[]> =>
    dataSource.query(
      `SELECT "event_id", "topic", "version" FROM "${service.config.database.schema}"."event_store"
       WHERE "stream_id" = $1 ORDER BY "version"`,
      [`webhook-${id}`],
    );

  /** The records of the change that wrote these stream rows, once both arrived. */
  const published = (events: StoredEvent[]): Promise<CollectedRecord[]> =>
    waitFor('both records of the change', () => {
      const records = events.map((event) => collector.find(event.event_id));
      return records.every((record) => record !== undefined) ? (records as CollectedRecord[]) : undefined;
    });

  const json = (record: CollectedRecord) =>
    JSON.parse(record.value!.toString('utf8')) as Record<string, unknown>;

  beforeAll(async () => {
    const config = testServiceConfig('webhook-registry');
    service = await startTestService(AppModule.register(config), config);
    api = webhookApi(service);
    dataSource = service.app.get(DataSource);
    await collector.start();
  });
  afterAll(async () => {
    await collector.stop();
    await service.close();
  });

  it('publishes a create on both topics before it answers: the secret masked on the public one, in clear on the internal one', async () => {
    const requestedAt = Date.now();
    const answer = await api.post(
      aWebhookBody({ secret: 's3cr3t', conditions: { and: [{ attr: 'total_passed', value: 0, op: 'gt' }] } }),
    );
    const answeredAt = Date.now();
    const webhook = answer.body as WebhookBody & { id: number };
    const events = await streamOf(webhook.id);
    expect(events.map((event) => [event.topic, event.version])).toEqual([
      ['extras.webhook.created', 1],
      [WEBHOOK_DEFINITIONS_TOPIC, 2],
    ]);
    const [envelope, definition] = await published(events);
    for (const record of [envelope, definition]) {
      expect(record.key).toBe(String(webhook.id));
      // Produced (CreateTime, same machine's clock) after the request and before its answer: the registry
      // answers a write once the change is on Kafka. No speed is asserted.
      expect(record.timestamp).toBeGreaterThanOrEqual(requestedAt);
      expect(record.timestamp).toBeLessThanOrEqual(answeredAt);
    }

    expect(envelope.headers).toMatchObject({
      'content-type': 'application/json',
      'object-type': 'extras.webhook',
      event: 'created',
    });
    expect(envelope.value!.toString()).not.toContain('s3cr3t');
    const body = json(envelope);
    expect(Object.keys(body)).toEqual([
      'event',
      'timestamp',
      'model',
      'username',
      'request_id',
      'data',
      'snapshots',
    ]);
    expect(body).toMatchObject({
      event: 'created',
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$/),
      model: 'webhook',
      username: 'admin',
      request_id: answer.headers.get('x-request-id'),
      data: { ...webhook, url: `/api/extras/webhooks/${webhook.id}/`, secret: '********' },
      snapshots: {
        prechange: null,
        postchange: { name: webhook.name, secret: '********', content_types: [1] },
      },
    });

    const decoded = decodeWebhookDefinition(definition.value!);
    expect(decoded).toEqual({
      ok: true,
      value: expect.objectContaining({
        id: webhook.id,
        name: webhook.name,
        secret: 's3cr3t',
        conditions: webhook.conditions,
        created: webhook.created,
      }),
    });
  });

  it('answers a create, an update and a delete only once the change is on Kafka (active when the 201 arrives, as in NetBox)', async () => {
    const relayedAll = async () => {
      const [row]: Array<{ relayed: boolean }> = await dataSource.query(
        `SELECT (SELECT "position" FROM "${service.config.database.schema}"."relay_checkpoint" WHERE "relay" = 'kafka')
                >= (SELECT max("position") FROM "${service.config.database.schema}"."event_store") AS "relayed"`,
      );
      return row.relayed;
    };
    const created = await api.create(aWebhookBody());
    expect(await relayedAll()).toBe(true);
    expect((await api.patch(`${created.id}/`, { enabled: false })).status).toBe(200);
    expect(await relayedAll()).toBe(true);
    expect((await api.delete(`${created.id}/`)).status).toBe(204);
    expect(await relayedAll()).toBe(true);
  });

  it('publishes an update with both snapshots, and an empty secret as "" rather than masked', async () => {
    const created = await api.create(aWebhookBody({ secret: 'old' }));
    const answer = await api.patch(`${created.id}/`, { secret: '', enabled: false });
    const [envelope, definition] = await published((await streamOf(created.id)).slice(2));
    expect(envelope.topic).toBe('extras.webhook.updated');
    expect(json(envelope)).toMatchObject({
      event: 'updated',
      request_id: answer.headers.get('x-request-id'),
      data: { secret: '', enabled: false },
      snapshots: {
        prechange: { secret: '********', enabled: true },
        postchange: { secret: '', enabled: false },
      },
    });
    expect(json(definition)).toMatchObject({ secret: '', enabled: false });
  });

  it('deletes: a deleted envelope with the last state, and a tombstone under the id on the internal topic', async () => {
    const created = await api.create(aWebhookBody({ secret: 'gone' }));
    expect((await api.delete(`${created.id}/`)).status).toBe(204);
    const events = (await streamOf(created.id)).slice(2);
    expect(events.map((event) => [event.topic, event.version])).toEqual([
      ['extras.webhook.deleted', 3],
      [WEBHOOK_DEFINITIONS_TOPIC, 4],
    ]);
    const [envelope, tombstone] = await published(events);
    expect(json(envelope)).toMatchObject({
      event: 'deleted',
      data: { id: created.id, name: created.name, secret: '********' },
      snapshots: { prechange: { name: created.name }, postchange: null },
    });
    expect([tombstone.key, tombstone.value]).toEqual([String(created.id), null]);
  });

  it('answers 409 to a write based on a state another request changed meanwhile, keeping the other write', async () => {
    const created = await api.create(aWebhookBody());
    const schema = service.config.database.schema;
    // Hold the row so that both PATCHes read version 2 and then wait at their UPDATE.
    const blocker = dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`SELECT 1 FROM "${schema}"."webhooks" WHERE "id" = $1 FOR UPDATE`, [created.id]);
    const writes = [
      api.patch(`${created.id}/`, { secret: 'first' }),
      api.patch(`${created.id}/`, { secret: 'second' }),
    ];
    await waitForLockedWriters(2);
    await blocker.commitTransaction();
    await blocker.release();

    const answers = await Promise.all(writes);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const loser = answers.find((answer) => answer.status === 409)!;
    expect(loser.body).toEqual({
      detail: 'The webhook was changed by another request; reload it and try again.',
    });
    const winner = answers.find((answer) => answer.status === 200)!;
    expect((await api.get(`${created.id}/`)).body.secret).toBe(winner.body.secret);
    expect((await streamOf(created.id)).map((event) => event.version)).toEqual([1, 2, 3, 4]);
  });

  it('answers a duplicate that a concurrent create committed after validation with NetBox’s 400, not a 500', async () => {
    const body = aWebhookBody();
    // Reads pass, inserts wait: both creates validate against a table without the name, then race.
    const blocker = dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`LOCK TABLE "${service.config.database.schema}"."webhooks" IN SHARE MODE`);
    const creates = [api.post(body), api.post(body)];
    await waitForLockedWriters(2);
    await blocker.commitTransaction();
    await blocker.release();

    const answers = await Promise.all(creates);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 400]);
    expect(answers.find((answer) => answer.status === 400)!.body).toEqual({
      name: ['webhook with this name already exists.'],
    });
  });

  async function waitForLockedWriters(count: number): Promise<void> {
    await waitFor(`${count} writes waiting on a lock`, async () => {
      const [{ waiting }]: Array<{ waiting: string }> = await dataSource.query(
        `SELECT count(*) AS "waiting" FROM pg_stat_activity
         WHERE "application_name" = $1 AND "wait_event_type" = 'Lock'`,
        [`validity-${service.config.database.schema}`],
      );
      return Number(waiting) === count ? true : undefined;
    });
  }
});
