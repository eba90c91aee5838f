import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { ensureKafkaJars, startKafkaBroker, type RunningKafkaBroker } from './kafka-broker';

const REPO_ROOT = path.resolve(__dirname, '../../..');
// Moved with the other test ports (libs/testing's testPort; not imported: tools may not depend on it).
const PORT = 29092 + Number(process.env.TEST_PORT_OFFSET ?? 0);
const CONTROLLER_PORT = PORT + 1;
const TOPIC = 'broker-it.orders';
const GROUP_ID = 'broker-it-group';
const log = (line: string) => process.stdout.write(`${line}\n`);

describe('startKafkaBroker (real KRaft broker from Maven jars)', () => {
  let stackDir: string;
  let libDir: string;
  const started: RunningKafkaBroker[] = [];

  async function startBroker(): Promise<RunningKafkaBroker> {
    const broker = await startKafkaBroker({
      stackDir,
      libDir,
      port: PORT,
      controllerPort: CONTROLLER_PORT,
      log,
    });
    started.push(broker);
    return broker;
  }

  function kafkaFor(broker: RunningKafkaBroker): Kafka {
    return new Kafka({ clientId: 'broker-it', brokers: [broker.brokers], logLevel: logLevel.WARN });
  }

  async function withAdmin<T>(kafka: Kafka, use: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await use(admin);
    } finally {
      await admin.disconnect();
    }
  }

  async function committedOffset(kafka: Kafka): Promise<string> {
    // After a restart the group coordinator loads its state in the background, and kafkajs's fetchOffsets
    // does not retry COORDINATOR_LOAD_IN_PROGRESS (error code 14, which kafkajs names
    // GROUP_LOAD_IN_PROGRESS): wait for the load (bounded), as a consumer would.
    for (let attempt = 1; ; attempt += 1) {
      try {
        const [topicOffsets] = await withAdmin(kafka, (admin) =>
          admin.fetchOffsets({ groupId: GROUP_ID, topics: [TOPIC] }),
        );
        return topicOffsets.partitions[0].offset;
      } catch (error) {
        if ((error as { type?: string }).type !== 'GROUP_LOAD_IN_PROGRESS' || attempt >= 120) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  async function produceThreeKeyedMessages(kafka: Kafka): Promise<void> {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      await producer.send({
        topic: TOPIC,
        acks: -1,
        messages: ['a', 'b', 'c'].map((key, index) => ({
          key,
          value: JSON.stringify({ index }),
          headers: { 'trace-id': `trace-${key}` },
        })),
      });
    } finally {
      await producer.disconnect();
    }
  }

  async function consumeAndCommit(kafka: Kafka, expected: number) {
    const consumer = kafka.consumer({ groupId: GROUP_ID });
    const received: { key: string; value: string; traceId: string; offset: string }[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              received.push({
                key: String(message.key),
                value: String(message.value),
                traceId: String(message.headers?.['trace-id']),
                offset: message.offset,
              });
              if (received.length === expected) {
                await consumer.commitOffsets([
                  { topic, partition, offset: String(Number(message.offset) + 1) },
                ]);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return received;
  }

  beforeAll(async () => {
    libDir = await ensureKafkaJars(path.join(REPO_ROOT, '.stack'), log);
    stackDir = await mkdtemp(path.join(os.tmpdir(), 'kafka-broker-it-'));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(started.map((broker) => broker.stop()));
    if (stackDir) await rm(stackDir, { recursive: true, force: true });
  }, 60_000);

  it('serves kafkajs 2.2.4 and keeps topics and committed offsets across a restart', async () => {
    const first = await startBroker();
    expect(first.brokers).toBe(`127.0.0.1:${PORT}`);
    const kafka = kafkaFor(first);

    const cluster = await withAdmin(kafka, (admin) => admin.describeCluster());
    expect(cluster.clusterId).toBe(first.clusterId);
    expect(cluster.brokers).toEqual([expect.objectContaining({ host: '127.0.0.1', port: PORT })]);

    const created = await withAdmin(kafka, (admin) =>
      admin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC, numPartitions: 1 }] }),
    );
    expect(created).toBe(true);

    await produceThreeKeyedMessages(kafka);
    const received = await consumeAndCommit(kafka, 3);
    expect(received).toEqual([
      { key: 'a', value: '{"index":0}', traceId: 'trace-a', offset: '0' },
      { key: 'b', value: '{"index":1}', traceId: 'trace-b', offset: '1' },
      { key: 'c', value: '{"index":2}', traceId: 'trace-c', offset: '2' },
    ]);
    expect(await committedOffset(kafka)).toBe('3');

    await first.stop();
    await first.stop(); // idempotent
    expect(() => process.kill(first.pid, 0)).toThrow();

    const second = await startBroker();
    const kafkaAgain = kafkaFor(second);
    expect(second.clusterId).toBe(first.clusterId);
    expect(await withAdmin(kafkaAgain, (admin) => admin.listTopics())).toContain(TOPIC);
    expect(await committedOffset(kafkaAgain)).toBe('3');
    const [partition] = await withAdmin(kafkaAgain, (admin) => admin.fetchTopicOffsets(TOPIC));
    expect(partition.high).toBe('3');

    await second.stop();
    expect(() => process.kill(second.pid, 0)).toThrow();
  }, 180_000);
});
