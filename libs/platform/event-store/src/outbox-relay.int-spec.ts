import { logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  createKafka,
  ensureTopics,
  EventProducer,
  InternalRecordAuthenticator,
} from '@validity/platform/kafka';
import { inlineParameters } from '@validity/platform/database';
import { readTopic, testInfrastructure, uniqueName } from '@validity/testing';
import { appendEvents, relayChannel, streamVersion, type NewEvent } from './append-events';
import { createEventStore } from './event-store.migration';
import { EventStoreWrites } from './event-store-writes';
import { OutboxRelay, UNRELAYED_READ_PLAN, unrelayedRead } from './outbox-relay';
import { StaleStreamError } from './stale-stream.error';

const { databaseUrl } = testInfrastructure();
const kafka = createKafka(testInfrastructure().kafka, 'outbox-relay-spec', { logLevel: logLevel.NOTHING });

function event(topic: string, streamId: string, writer: number): NewEvent {
  return {
    type: 'SomethingHappened',
    record: {
      topic,
      message: {
        key: streamId,
        value: Buffer.from(JSON.stringify({ streamId, writer })),
        headers: { 'event-id': uuidv7() },
      },
    },
  };
}

describe('event store and outbox relay on real PostgreSQL and Kafka', () => {
  const schema = uniqueName('store');
  const topic = uniqueName('relay_topic');
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 25 } });
  let producer: EventProducer;

  beforeAll(async () => {
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    const runner = dataSource.createQueryRunner();
    await createEventStore(runner, schema);
    await runner.release();
    await ensureTopics(testInfrastructure().kafka, [
      { name: topic, partitions: 3, cleanupPolicy: 'delete', producer: 'reports', public: false },
    ]);
    producer = await EventProducer.connect(kafka);
  });

  afterAll(async () => {
    await producer.disconnect();
    await dataSource.destroy();
  });

  it('refuses a stale write with StaleStreamError and keeps nothing of that transaction', async () => {
    const stream = uniqueName('stream');
    await dataSource.transaction((manager) =>
      appendEvents(manager, schema, stream, 0, [event(topic, stream, 0)]),
    );
    const stale = dataSource.transaction((manager) =>
      appendEvents(manager, schema, stream, 0, [event(topic, stream, 1), event(topic, stream, 1)]),
    );
    await expect(stale).rejects.toBeInstanceOf(StaleStreamError);
    expect(await streamVersion(dataSource.manager, schema, stream)).toBe(1);
  });

  it('publishes every event of many concurrent writers exactly in each stream’s version order', async () => {
    const streams = Array.from({ length: 8 }, (_, index) => `stream-${index}`);
    const writers = 16;
    const appendsPerWriter = 15;

    const relay = new OutboxRelay({
      dataSource,
      databaseUrl,
      schema,
      producer,
      authenticator: new InternalRecordAuthenticator(testInfrastructure().internalTopicHmacKey),
      batchSize: 37,
    });
    await relay.start();
    try {
      // Each writer appends to random streams; random sleeps inside the transaction make commits overtake
      // each other, which is what would make a naive position-order relay skip events.
      await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          for (let done = 0; done < appendsPerWriter;) {
            const stream = streams[Math.floor(Math.random() * streams.length)];
            try {
              await dataSource.transaction(async (manager) => {
                const version = await streamVersion(manager, schema, stream);
                await manager.query('SELECT pg_sleep($1)', [Math.random() * 0.01]);
                await appendEvents(manager, schema, stream, version, [event(topic, stream, writer)]);
                await manager.query('SELECT pg_sleep($1)', [Math.random() * 0.01]);
              });
              done += 1;
            } catch (error) {
              if (!(error instanceof StaleStreamError)) throw error;
            }
          }
        }),
      );
      const total = writers * appendsPerWriter + 1; // plus the event of the stale-write test
      const published = await readTopic(kafka, topic, total, 30_000);

      const stored: Array<{ event_id: string; stream_id: string; version: number }> = await dataSource.query(
        `SELECT "event_id", "stream_id", "version" FROM "${schema}"."event_store" ORDER BY "position"`,
      );
      expect(new Set(published.map((record) => record.headers['event-id']))).toEqual(
        new Set(stored.map((row) => row.event_id)),
      );
      const versionOf = new Map(stored.map((row) => [row.event_id, row.version]));
      for (const stream of streams) {
        const versions = published
          .filter((record) => record.key === stream)
          .map((record) => versionOf.get(record.headers['event-id']));
        expect(versions).toEqual(versions.map((_, index) => index + 1));
      }
    } finally {
      await relay.stop();
    }
  });

  describe('waking', () => {
    /** A relay that would not poll within any test's time: only a wake-up can make it publish. */
    async function relayWithoutPolling(wakeSchema: string): Promise<OutboxRelay> {
      const relay = new OutboxRelay({
        dataSource,
        databaseUrl,
        schema: wakeSchema,
        producer,
        authenticator: new InternalRecordAuthenticator(testInfrastructure().internalTopicHmacKey),
        pollIntervalMs: 3_600_000,
      });
      await relay.start();
      return relay;
    }

    async function freshStore(): Promise<{ wakeSchema: string; wakeTopic: string }> {
      const wakeSchema = uniqueName('wake');
      const wakeTopic = uniqueName('wake_topic');
      await dataSource.query(`CREATE SCHEMA "${wakeSchema}"`);
      const runner = dataSource.createQueryRunner();
      await createEventStore(runner, wakeSchema);
      await runner.release();
      await ensureTopics(testInfrastructure().kafka, [
        { name: wakeTopic, partitions: 1, cleanupPolicy: 'delete', producer: 'reports', public: false },
      ]);
      return { wakeSchema, wakeTopic };
    }

    it('publishes a write of this process as soon as it commits: woken directly, not by its own NOTIFY', async () => {
      const { wakeSchema, wakeTopic } = await freshStore();
      const relay = await relayWithoutPolling(wakeSchema);
      // Its first pass is over: nothing but a wake-up after the commit below can publish it.
      await relay.idle();
      try {
        const writes = new EventStoreWrites({ dataSource, schema: wakeSchema });
        // Its NOTIFY carries this process's mark, which the relay ignores: only the direct wake remains.
        await writes.run((manager) =>
          appendEvents(manager, wakeSchema, 'local', 0, [event(wakeTopic, 'local', 1)]),
        );
        const [published] = await readTopic(kafka, wakeTopic, 1, 20_000);
        expect(published.key).toBe('local');
      } finally {
        await relay.stop();
      }
    });

    it('publishes a write of another instance when its NOTIFY arrives', async () => {
      const { wakeSchema, wakeTopic } = await freshStore();
      const relay = await relayWithoutPolling(wakeSchema);
      await relay.idle();
      try {
        await dataSource.transaction((manager) =>
          appendEvents(manager, wakeSchema, 'remote', 0, [event(wakeTopic, 'remote', 2)]),
        );
        await dataSource.query('SELECT pg_notify($1, $2)', [relayChannel(wakeSchema), 'another-instance']);
        const [published] = await readTopic(kafka, wakeTopic, 1, 20_000);
        expect(published.key).toBe('remote');
      } finally {
        await relay.stop();
      }
    });

    it('stamps each record with the time its event was stored, not the time it was relayed', async () => {
      const { wakeSchema, wakeTopic } = await freshStore();
      await dataSource.transaction((manager) =>
        appendEvents(manager, wakeSchema, 'late', 0, [event(wakeTopic, 'late', 3)]),
      );
      // As if Kafka had been down for a while: the relay starts well after the commit.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const relayStarted = Date.now();
      const relay = await relayWithoutPolling(wakeSchema);
      try {
        const [published] = await readTopic(kafka, wakeTopic, 1, 20_000);
        const [stored]: Array<{ recorded_ms: string }> = await dataSource.query(
          `SELECT floor(extract(epoch FROM "recorded_at") * 1000)::bigint::text AS "recorded_ms"
           FROM "${wakeSchema}"."event_store"`,
        );
        expect(published.timestampMs).toBe(Number(stored.recorded_ms));
        expect(published.timestampMs).toBeLessThan(relayStarted - 1_000);
      } finally {
        await relay.stop();
      }
    });

    it('marks every published event relayed and keeps the highest published position, batch after batch', async () => {
      const { wakeSchema, wakeTopic } = await freshStore();
      await dataSource.transaction((manager) =>
        appendEvents(
          manager,
          wakeSchema,
          'many',
          0,
          Array.from({ length: 25 }, (_, index) => event(wakeTopic, 'many', index)),
        ),
      );
      const relay = new OutboxRelay({
        dataSource,
        databaseUrl,
        schema: wakeSchema,
        producer,
        authenticator: new InternalRecordAuthenticator(testInfrastructure().internalTopicHmacKey),
        batchSize: 10,
        pollIntervalMs: 3_600_000,
      });
      await relay.start();
      try {
        expect(await readTopic(kafka, wakeTopic, 25, 20_000)).toHaveLength(25);
        await relay.stop();
        const [store]: Array<{ unrelayed: number; highest: string }> = await dataSource.query(
          `SELECT count(*) FILTER (WHERE "relayed_at" IS NULL)::int AS "unrelayed", max("position")::text AS "highest"
           FROM "${wakeSchema}"."event_store"`,
        );
        const [checkpoint]: Array<{ position: string }> = await dataSource.query(
          `SELECT "position"::text AS "position" FROM "${wakeSchema}"."relay_checkpoint" WHERE "relay" = 'kafka'`,
        );
        expect(store.unrelayed).toBe(0);
        expect(checkpoint.position).toBe(store.highest);
      } finally {
        await relay.stop();
      }
    });

    it('steps over the index entries its marks leave behind: a pass after 3,000 published events reads a few pages', async () => {
      const { wakeSchema, wakeTopic } = await freshStore();
      const published = 3_000;
      await dataSource.transaction((manager) =>
        appendEvents(
          manager,
          wakeSchema,
          'many',
          0,
          Array.from({ length: published }, (_, index) => event(wakeTopic, 'many', index)),
        ),
      );
      const relay = await relayWithoutPolling(wakeSchema);
      try {
        relay.wake();
        expect(await readTopic(kafka, wakeTopic, published, 30_000)).toHaveLength(published);
      } finally {
        await relay.stop();
      }
      await dataSource.transaction((manager) =>
        appendEvents(manager, wakeSchema, 'many', published, [event(wakeTopic, 'many', published)]),
      );
      const [{ pages }]: Array<{ pages: number }> = await dataSource.query(
        `SELECT (pg_relation_size('"${wakeSchema}"."event_store"') / 8192)::int AS "pages"`,
      );
      // A relay pass as the relay plans it, with the pages it touched. An entry is only marked dead once no
      // transaction can see its row, which another suite's open transaction may delay: a few passes may be
      // needed before one steps over them all.
      const pass = () =>
        dataSource.transaction(async (manager) => {
          await manager.query(UNRELAYED_READ_PLAN);
          const read = unrelayedRead(wakeSchema, 500);
          const [{ 'QUERY PLAN': plans }]: Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }> =
            await manager.query(
              `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${inlineParameters(read.sql, read.parameters ?? [])}`,
            );
          return plans[0].Plan;
        });
      let plan = await pass();
      for (let tries = 0; pagesTouched(plan) >= pages / 4 && tries < 50; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        plan = await pass();
      }
      expect(pages).toBeGreaterThan(40);
      expect(plan['Actual Rows']).toBe(1);
      expect(pagesTouched(plan)).toBeLessThan(pages / 4);
    });
  });
});

interface PlanNode {
  'Actual Rows': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
}

function pagesTouched(plan: PlanNode): number {
  return plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
}
