import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { TOKENS_TOPIC, TOPICS } from '@validity/contracts';
import { TokenDirectory, TokenDirectoryProjection } from '@validity/platform/auth';
import { appendEvents, createEventStore, OutboxRelay, type NewEvent } from '@validity/platform/event-store';
import {
  createKafka,
  ensureTopics,
  EventProducer,
  InternalRecordAuthenticator,
} from '@validity/platform/kafka';
import { ensureKafkaJars, startKafkaBroker, type RunningKafkaBroker } from '@validity/stack';
import { readTopic, testInfrastructure, testPort, uniqueName } from '@validity/testing';

const repoRoot = join(__dirname, '..', '..', '..');
const { databaseUrl } = testInfrastructure();
// A broker of its own (the run's shared one must stay up for the other specs), moved with the test ports.
const PORT = testPort(29492);
const log = (line: string) => process.stdout.write(`${line}\n`);

function event(topic: string, streamId: string): NewEvent {
  const eventId = uuidv7();
  return {
    type: 'RunStored',
    record: {
      topic,
      message: { key: streamId, value: Buffer.from(eventId), headers: { 'event-id': eventId } },
    },
  };
}

/**
 * Regression for runs that got no 201 while Kafka restarted on a loaded machine: the relay's batch
 * transaction stays open while kafkajs retries an unreachable broker, and it used to hold one of the
 * service's pooled connections meanwhile. With a pool of one the dependency is total; with the service's
 * ten it took a tenth of the capacity exactly when the broker's restart starved the machine.
 */
describe('storing events while Kafka is down (own broker, real PostgreSQL)', () => {
  const stackDir = join(repoRoot, '.stack', uniqueName('kafka-outage'));
  const schema = uniqueName('outage');
  const topic = uniqueName('outage_topic');
  // One connection: every write needs it, so a relay holding it while Kafka is away blocks them all.
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 1 } });
  let libDir: string;
  let broker: RunningKafkaBroker;
  let producer: EventProducer;
  let relay: OutboxRelay;
  let tokens: TokenDirectoryProjection;

  const startBroker = async () => {
    broker = await startKafkaBroker({ stackDir, libDir, port: PORT, log });
  };
  const store = (streamId: string) =>
    dataSource.transaction((manager) => appendEvents(manager, schema, streamId, 0, [event(topic, streamId)]));

  beforeAll(async () => {
    libDir = await ensureKafkaJars(join(repoRoot, '.stack'), log);
    await startBroker();
    await ensureTopics(broker.brokers, [
      { name: topic, partitions: 1, cleanupPolicy: 'delete', producer: 'reports', public: false },
      ...TOPICS.filter((definition) => definition.name === TOKENS_TOPIC),
    ]);
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    const runner = dataSource.createQueryRunner();
    await createEventStore(runner, schema);
    await runner.release();
    producer = await EventProducer.connect(
      createKafka(broker.brokers, 'outage-spec', { logLevel: logLevel.NOTHING }),
    );
    const authenticator = new InternalRecordAuthenticator(testInfrastructure().internalTopicHmacKey);
    relay = new OutboxRelay({
      dataSource,
      databaseUrl,
      schema,
      producer,
      authenticator,
      pollIntervalMs: 200,
    });
    await relay.start();
    const quiet = createKafka(broker.brokers, 'outage-tokens', { logLevel: logLevel.NOTHING });
    tokens = new TokenDirectoryProjection(quiet, new TokenDirectory(undefined), 'outage-spec', authenticator);
    await tokens.start();
  }, 180_000);

  afterAll(async () => {
    await tokens?.stop();
    await relay?.stop();
    await producer?.disconnect().catch(() => undefined);
    await broker?.stop();
    await dataSource.destroy();
    await rm(stackDir, { recursive: true, force: true });
  }, 120_000);

  it('commits every write while the broker is stopped, and publishes them once it is back', async () => {
    await store('before');
    await readTopic(
      createKafka(broker.brokers, 'outage-reader-1', { logLevel: logLevel.NOTHING }),
      topic,
      1,
      60_000,
    );

    await broker.stop();
    // The first write wakes the relay, whose batch now waits on the missing broker (kafkajs retries for
    // about a minute); the next writes must not wait for it.
    await store('during-0');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const during = ['during-1', 'during-2', 'during-3', 'during-4'];
    const stored = await Promise.race([
      Promise.all(during.map(store)).then(() => 'stored'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 30 s'), 30_000).unref()),
    ]);
    expect(stored).toBe('stored');

    // A key the service does not know gets its 403 after a bounded catch-up, not after kafkajs gave up.
    const refusal = await Promise.race([
      tokens.catchUpAfterMiss().then(() => 'answered'),
      new Promise((resolve) => setTimeout(() => resolve('still catching up after 15 s'), 15_000).unref()),
    ]);
    expect(refusal).toBe('answered');

    await startBroker();
    const records = await readTopic(
      createKafka(broker.brokers, 'outage-reader-2', { logLevel: logLevel.NOTHING }),
      topic,
      6,
      150_000,
    );
    expect([...new Set(records.map((record) => record.key))].sort()).toEqual(
      ['before', 'during-0', ...during].sort(),
    );
  }, 300_000);
});
