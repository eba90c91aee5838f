import { logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  createKafka,
  ensureTopics,
  EventProducer,
  InternalRecordAuthenticator,
} from '@validity/platform/kafka';
import { readTopic, testInfrastructure, uniqueName } from '@validity/testing';
import { appendEvents, streamVersion, type NewEvent } from './append-events';
import { createEventStore } from './event-store.migration';
import { OutboxRelay } from './outbox-relay';
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
});
