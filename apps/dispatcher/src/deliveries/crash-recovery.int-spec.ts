import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { logLevel } from 'kafkajs';
import {
  encodeEnvelope,
  encodeWebhookDefinition,
  WEBHOOK_DEFINITIONS_TOPIC,
  type OutgoingKafkaMessage,
} from '@validity/contracts';
import {
  createKafka,
  ensureTopics,
  EventProducer,
  InternalRecordAuthenticator,
} from '@validity/platform/kafka';
import { aWebhookDefinition, testInfrastructure, TestReceiver, uniqueName, waitFor } from '@validity/testing';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const { kafkaBrokers, databaseUrl, internalTopicHmacKey } = testInfrastructure();
const kafka = createKafka(testInfrastructure().kafka, 'crash-recovery-spec', { logLevel: logLevel.NOTHING });
const ADMIN_TOKEN = 'c4a5c4a5c4a5c4a5c4a5c4a5c4a5c4a5c4a5c4a5';
const EVENTS_PER_HALF = 150;
const WEBHOOK_ID = 1;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

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

/** The dispatcher exactly as deployed: its own process, started from main.ts, configured by environment. */
class DispatcherProcess {
  readonly output: string[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/dispatcher/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (chunk) => this.output.push(String(chunk)));
    await waitFor(
      `the dispatcher on port ${this.env.DISPATCHER_PORT} (output: ${this.output.join('')})`,
      async () => {
        if (child.exitCode !== null) throw new Error(`the dispatcher exited:\n${this.output.join('')}`);
        const health = await fetch(`http://127.0.0.1:${this.env.DISPATCHER_PORT}/health`).catch(
          () => undefined,
        );
        return health?.ok ? true : undefined;
      },
      // Generous: a process start compiles TypeScript on load, slow on a loaded 2-core machine.
      180_000,
    );
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    this.child?.kill(signal);
    await this.exited;
  }
}

describe('a dispatcher process killed with SIGKILL mid-stream and restarted', () => {
  const eventsTopic = uniqueName('crash_events');
  const webhooksTopic = uniqueName('crash_webhooks');
  let producer: EventProducer;
  let receiver: TestReceiver;
  let dispatcher: DispatcherProcess;

  beforeAll(async () => {
    await ensureTopics(testInfrastructure().kafka, [
      { name: eventsTopic, partitions: 3, cleanupPolicy: 'delete', producer: 'reports', public: true },
      {
        name: webhooksTopic,
        partitions: 1,
        cleanupPolicy: 'compact',
        producer: 'webhook-registry',
        public: false,
      },
    ]);
    producer = await EventProducer.connect(kafka);
    // Slow enough that requests are in flight when the process dies.
    receiver = await TestReceiver.start({ delayMs: 20 });
    const definition = aWebhookDefinition(WEBHOOK_ID, `${receiver.url}/hook`, {
      name: 'crash-recovery',
      secret: 'crash-secret',
      timeout: 2,
    });
    await producer.send(webhooksTopic, [
      new InternalRecordAuthenticator(internalTopicHmacKey).sign(
        WEBHOOK_DEFINITIONS_TOPIC,
        encodeWebhookDefinition(definition).message,
      ),
    ]);
    dispatcher = new DispatcherProcess({
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafkaBrokers,
      DISPATCHER_PORT: String(await freePort()),
      DISPATCHER_SCHEMA: uniqueName('dispatcher_crash'),
      DISPATCHER_CONSUMER_GROUP: uniqueName('dispatcher_crash'),
      DISPATCHER_EVENT_TOPICS: eventsTopic,
      DISPATCHER_WEBHOOKS_TOPIC: webhooksTopic,
      DELIVERY_RETRY_SCHEDULE: '1,1,1',
      ADMIN_TOKEN,
      INTERNAL_TOPIC_HMAC_KEY: internalTopicHmacKey,
      LOG_LEVEL: 'warn',
    });
  });

  afterAll(async () => {
    await dispatcher.kill('SIGTERM');
    await producer.disconnect();
    await receiver.close();
  });

  it('delivers every event at least once, duplicates carrying the same webhook-id', async () => {
    const ids = Array.from({ length: 2 * EVENTS_PER_HALF }, (_, index) => 1_000 + index);
    const messages = ids.map(reportCreated);
    const eventIds = new Set(messages.map((message) => message.headers['event-id']));

    await dispatcher.start();
    await producer.send(eventsTopic, messages.slice(0, EVENTS_PER_HALF));
    await receiver.waitForRequests(20);
    await dispatcher.kill('SIGKILL');
    const receivedBeforeKill = receiver.requests.length;
    await producer.send(eventsTopic, messages.slice(EVENTS_PER_HALF));

    await dispatcher.start();
    const eventIdOf = (webhookId: string) => /^msg_(.+)_1$/.exec(webhookId)?.[1];
    await waitFor(
      'every event at the receiver',
      () => {
        const delivered = new Set(
          receiver.requests.map((request) => eventIdOf(request.headers['webhook-id'])),
        );
        return [...eventIds].every((eventId) => delivered.has(eventId)) ? true : undefined;
      },
      60_000,
    );

    expect(receivedBeforeKill).toBeLessThan(2 * EVENTS_PER_HALF);
    for (const request of receiver.requests) {
      const eventId = eventIdOf(request.headers['webhook-id']);
      expect(eventIds.has(eventId!)).toBe(true);
      expect(JSON.parse(request.body.toString()).data.id).toBe(ids[[...eventIds].indexOf(eventId!)]);
    }
    const port = (dispatcher as unknown as { env: NodeJS.ProcessEnv }).env.DISPATCHER_PORT;
    const count = async (status: string) => {
      const response = await fetch(
        `http://127.0.0.1:${port}/api/extras/webhook-deliveries/?status=${status}&limit=1`,
        { headers: { Authorization: `Token ${ADMIN_TOKEN}` } },
      );
      return ((await response.json()) as { count: number }).count;
    };
    await waitFor('every delivery recorded as delivered', async () =>
      (await count('delivered')) === eventIds.size ? true : undefined,
    );
    expect([await count('pending'), await count('retrying'), await count('failed')]).toEqual([0, 0, 0]);
  }, 480_000);
});
