import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { logLevel, type Kafka } from 'kafkajs';
import { loadKafkaConnection, type KafkaConnection } from '@validity/platform/config';
import { ConsumerRunner, createKafka, ensureTopics, EventProducer } from '@validity/platform/kafka';
import { kcatConnectionArgs } from '@validity/testing';
import { ensureKafkaJars, startKafkaBroker, type RunningKafkaBroker } from './kafka-broker';

const REPO_ROOT = path.resolve(__dirname, '../../..');
// Own ports, moved with the other test ports (TEST_PORT_OFFSET, as libs/testing's testPort does).
const OFFSET = Number(process.env.TEST_PORT_OFFSET ?? 0);
const PORTS = { plaintext: 29096, controller: 29097, saslSsl: 29098, saslPlaintext: 29099 };
const port = (name: keyof typeof PORTS) => PORTS[name] + OFFSET;
const TOPIC = 'secured-it.events';
const log = (line: string) => process.stdout.write(`${line}\n`);

const scramUser = { username: 'validity-dispatcher', password: randomBytes(12).toString('hex') };
const plainUser = { username: 'validity-gateway', password: randomBytes(12).toString('hex') };

/** What refusal looks like: the first connection fails; no retries, so it fails at once. */
async function connectOnce(connection: KafkaConnection): Promise<void> {
  const admin = createKafka(connection, 'secured-it-refused', {
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

describe('the bundled broker with SASL_SSL (SCRAM) and SASL_PLAINTEXT (PLAIN) listeners', () => {
  let stackDir: string;
  let certificateFile: string;
  let broker: RunningKafkaBroker | undefined;

  /** Exactly what a service does: the `KAFKA_*` keys through the platform config. */
  const scramOverTls = (overrides: NodeJS.ProcessEnv = {}) =>
    loadKafkaConnection({
      KAFKA_BROKERS: `127.0.0.1:${port('saslSsl')}`,
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: scramUser.username,
      KAFKA_SASL_PASSWORD: scramUser.password,
      KAFKA_TLS: 'true',
      KAFKA_TLS_CA_FILE: certificateFile,
      ...overrides,
    });

  beforeAll(async () => {
    const libDir = await ensureKafkaJars(path.join(REPO_ROOT, '.stack'), log);
    stackDir = await mkdtemp(path.join(os.tmpdir(), 'secured-kafka-it-'));
    // A throw-away self-signed certificate for 127.0.0.1; the clients trust it as their CA.
    certificateFile = path.join(stackDir, 'broker-cert.pem');
    const privateKeyFile = path.join(stackDir, 'broker-key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        privateKeyFile,
        '-out',
        certificateFile,
      ],
      { stdio: 'ignore' },
    );
    broker = await startKafkaBroker({
      stackDir,
      libDir,
      port: port('plaintext'),
      controllerPort: port('controller'),
      log,
      secured: {
        saslSslPort: port('saslSsl'),
        saslPlaintextPort: port('saslPlaintext'),
        certificateFile,
        privateKeyFile,
        scramUsers: [{ mechanism: 'SCRAM-SHA-512', ...scramUser }],
        plainUsers: [plainUser],
      },
    });
  }, 300_000);

  afterAll(async () => {
    await broker?.stop();
    if (stackDir) await rm(stackDir, { recursive: true, force: true });
  }, 60_000);

  it('carries a service-style idempotent producer and committing consumer group over SCRAM-SHA-512 + TLS', async () => {
    const connection = scramOverTls();
    await ensureTopics(connection, [
      { name: TOPIC, partitions: 2, cleanupPolicy: 'delete', producer: 'dispatcher', public: false },
    ]);
    const kafka: Kafka = createKafka(connection, 'secured-it', { logLevel: logLevel.NOTHING });
    const producer = await EventProducer.connect(kafka);
    const received: string[] = [];
    let runner: ConsumerRunner<string> | undefined;
    try {
      await producer.send(
        TOPIC,
        ['a', 'b', 'c'].map((key) => ({ key, value: Buffer.from(`value-${key}`), headers: {} })),
      );
      await new Promise<void>((resolve, reject) => {
        ConsumerRunner.start<string>({
          kafka,
          groupId: 'secured-it-group',
          topics: [TOPIC],
          deadLetter: producer,
          decode: (record) => ({ ok: true, value: String(record.value) }),
          handle: (value) => {
            received.push(value);
            if (received.length === 3) resolve();
            return Promise.resolve();
          },
        }).then((started) => (runner = started), reject);
      });
    } finally {
      await runner?.stop();
      await producer.disconnect();
    }
    expect(received.sort()).toEqual(['value-a', 'value-b', 'value-c']);

    // And kcat (librdkafka) with the options the system tests derive from the same settings.
    const kcat = spawnSync(
      'kcat',
      [...kcatConnectionArgs(connection), '-C', '-t', TOPIC, '-o', 'beginning', '-e', '-q', '-f', '%s\\n'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(kcat.stderr).toBe('');
    expect(kcat.stdout.trim().split('\n').sort()).toEqual(['value-a', 'value-b', 'value-c']);
  });

  it('accepts PLAIN credentials on the SASL_PLAINTEXT listener', async () => {
    await expect(
      connectOnce(
        loadKafkaConnection({
          KAFKA_BROKERS: `127.0.0.1:${port('saslPlaintext')}`,
          KAFKA_SASL_MECHANISM: 'PLAIN',
          KAFKA_SASL_USERNAME: plainUser.username,
          KAFKA_SASL_PASSWORD: plainUser.password,
        }),
      ),
    ).resolves.toBeUndefined();
  });

  it('refuses a wrong SCRAM password, a wrong PLAIN password, and a client without SASL', async () => {
    await expect(connectOnce(scramOverTls({ KAFKA_SASL_PASSWORD: 'not-the-password' }))).rejects.toThrow(
      /SASL SCRAM SHA512 authentication failed/,
    );
    await expect(
      connectOnce(
        loadKafkaConnection({
          KAFKA_BROKERS: `127.0.0.1:${port('saslPlaintext')}`,
          KAFKA_SASL_MECHANISM: 'PLAIN',
          KAFKA_SASL_USERNAME: plainUser.username,
          KAFKA_SASL_PASSWORD: 'not-the-password',
        }),
      ),
    ).rejects.toThrow(/SASL PLAIN authentication failed/);
    await expect(
      connectOnce(
        scramOverTls({
          KAFKA_SASL_MECHANISM: undefined,
          KAFKA_SASL_USERNAME: undefined,
          KAFKA_SASL_PASSWORD: undefined,
        }),
      ),
    ).rejects.toThrow();
  });

  it('refuses a client without TLS, and one that does not trust the broker certificate', async () => {
    await expect(
      connectOnce(scramOverTls({ KAFKA_TLS: 'false', KAFKA_TLS_CA_FILE: undefined })),
    ).rejects.toThrow();
    await expect(connectOnce(scramOverTls({ KAFKA_TLS_CA_FILE: undefined }))).rejects.toThrow(
      /self[- ]signed certificate/,
    );
  });
});
