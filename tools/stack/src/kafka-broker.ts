import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { readPid, stopLeftover } from './leftover-processes';
import { assertPortFree } from './port-check';

export interface KafkaBrokerOptions {
  stackDir: string;
  /** PLAINTEXT port on 127.0.0.1; default 9092. */
  port?: number;
  /** KRaft controller port on 127.0.0.1; default port + 1. */
  controllerPort?: number;
  /** Directory holding the broker jars; default `<stackDir>/kafka/lib` (see ensureKafkaJars). */
  libDir?: string;
  log?: (line: string) => void;
  /** Extra SASL listeners beside the PLAINTEXT one (which inter-broker and readiness traffic keep using). */
  secured?: SecuredListeners;
  /**
   * The PLAINTEXT port clients are told to use; default `port`. A TCP fault proxy in front of the broker
   * listens there, so every client connection (not only the bootstrap one) goes through it.
   */
  advertisedPort?: number;
  /** One node of a KRaft cluster (every node combined broker + controller); default a single node. */
  clusterNode?: KafkaClusterNode;
}

/** A node of a multi-node KRaft cluster: each has its own directory under stackDir, all share one id. */
export interface KafkaClusterNode {
  nodeId: number;
  /** `controller.quorum.voters`, e.g. `1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097`. */
  quorumVoters: string;
  clusterId: string;
  /** Replicas of every topic (internal ones too) and the `min.insync.replicas` acks=all writes need. */
  replicationFactor: number;
  minInsyncReplicas: number;
}

/**
 * SASL_SSL and/or SASL_PLAINTEXT listeners, for testing clients against a secured cluster. Both accept
 * SCRAM-SHA-512, SCRAM-SHA-256 and PLAIN. SCRAM credentials are created with Kafka's own tooling when the
 * storage is formatted (`kafka-storage format --add-scram`), so they need fresh data; PLAIN users are
 * JAAS entries. No authorizer is configured: authenticated principals may do anything.
 */
export interface SecuredListeners {
  saslSslPort?: number;
  saslPlaintextPort?: number;
  /** PEM files of the SASL_SSL listener's certificate and its unencrypted PKCS#8 private key. */
  certificateFile?: string;
  privateKeyFile?: string;
  scramUsers?: ReadonlyArray<{
    mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
    username: string;
    password: string;
  }>;
  plainUsers?: ReadonlyArray<{ username: string; password: string }>;
}

export interface RunningKafkaBroker {
  /** Bootstrap address, e.g. "127.0.0.1:9092". */
  brokers: string;
  clusterId: string;
  pid: number;
  /** Kafka version of the jars, e.g. "3.9.2". */
  version: string;
  stop(): Promise<void>;
}

const READY_PATTERN = /Transitioning from RECOVERY to RUNNING|Kafka Server started/;
/**
 * How long a broker may take to start and answer. Generous and bounded: on a loaded 2-core machine the
 * JVM start alone has taken over a minute, and a start that gave up early failed `npm test`'s fault
 * run ("broker not reachable yet"); a broker that exits or never answers still fails the start.
 */
const READY_TIMEOUT_MS = 300_000;
const PROGRESS_EVERY_MS = 15_000;
const STOP_TIMEOUT_MS = 30_000;
const LOG_TAIL_LINES = 30;
const POM_MARKER = '.pom-sha256';

type Exit = { code: number | null; signal: NodeJS.Signals | null };

// ---------------------------------------------------------------------------
// Jars
// ---------------------------------------------------------------------------

export async function ensureKafkaJars(
  stackDir: string,
  log: (line: string) => void = () => {},
): Promise<string> {
  const libDir = path.join(stackDir, 'kafka', 'lib');
  const pomPath = path.join(findRepoRoot(), 'tools', 'kafka-broker', 'pom.xml');
  const pomHash = sha256(readFileSync(pomPath));
  if (readMarker(libDir) === pomHash) return libDir;

  // Fetch into a sibling temp dir and rename, so an interrupted fetch never leaves a half lib dir.
  const tempDir = `${libDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const startedAt = Date.now();
  log(`Fetching Kafka jars with Maven into ${libDir} ...`);
  try {
    await runCommand('mvn', [
      '-B',
      '-q',
      '-f',
      pomPath,
      'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
      `-DoutputDirectory=${tempDir}`,
      '-DincludeScope=runtime',
    ]);
    await writeFile(path.join(tempDir, POM_MARKER), pomHash);
    await replaceDir(tempDir, libDir, pomHash);
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
  log(`Fetched Kafka jars in ${Date.now() - startedAt} ms`);
  return libDir;
}

function findRepoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'tools', 'kafka-broker', 'pom.xml'))) return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`Cannot find tools/kafka-broker/pom.xml above ${__dirname}`);
  }
}

function readMarker(libDir: string): string | undefined {
  try {
    return readFileSync(path.join(libDir, POM_MARKER), 'utf8').trim();
  } catch {
    return undefined;
  }
}

async function replaceDir(from: string, to: string, pomHash: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  try {
    await rename(from, to);
  } catch (error) {
    // A concurrent fetch may have won the race; its result is just as good.
    if (readMarker(to) !== pomHash) throw error;
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function readKafkaVersion(libDir: string): Promise<string> {
  const jar = (await readdir(libDir)).find((name) => /^kafka_2\.13-.+\.jar$/.test(name));
  if (!jar) throw new Error(`No kafka_2.13-*.jar in ${libDir}; run ensureKafkaJars first`);
  return jar.replace(/^kafka_2\.13-/, '').replace(/\.jar$/, '');
}

// ---------------------------------------------------------------------------
// Broker
// ---------------------------------------------------------------------------

export async function startKafkaBroker(options: KafkaBrokerOptions): Promise<RunningKafkaBroker> {
  const port = options.port ?? 9092;
  const controllerPort = options.controllerPort ?? port + 1;
  const log = options.log ?? (() => {});
  const node = options.clusterNode;
  const kafkaDir = path.join(options.stackDir, node ? `kafka-${node.nodeId}` : 'kafka');
  const libDir = options.libDir ?? path.join(kafkaDir, 'lib');
  const files = brokerFiles(kafkaDir);
  const startedAt = Date.now();

  const version = await readKafkaVersion(libDir);
  await killStaleBroker(files.pid, log);
  await assertPortFree(port, 'Kafka broker; choose another with KAFKA_PORT');
  await assertPortFree(controllerPort, 'Kafka controller, the broker port + 1');
  for (const securedPort of [options.secured?.saslSslPort, options.secured?.saslPlaintextPort]) {
    if (securedPort !== undefined) await assertPortFree(securedPort, 'Kafka SASL listener');
  }

  await mkdir(files.data, { recursive: true });
  await mkdir(files.tmp, { recursive: true });
  const clusterId = node?.clusterId ?? (await readOrCreateClusterId(files));
  await writeFile(
    files.serverProperties,
    serverProperties(port, controllerPort, files.data, options.secured, options.advertisedPort, node) +
      (await securedProperties(options.secured)),
  );
  await writeFile(files.log4jProperties, LOG4J_PROPERTIES);
  // Formatting again is a no-op (-g) but costs a JVM start (~0.7 s), so only format fresh data.
  if (!existsSync(files.metaProperties)) {
    await formatStorage(libDir, files, clusterId, options.secured?.scramUsers ?? []);
  }

  const child = await spawnBroker(libDir, files);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const killOnParentExit = () => child.kill('SIGKILL');
  process.on('exit', killOnParentExit);
  const pid = child.pid as number;
  await writeFile(files.pid, String(pid));

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await terminate(child, exited);
      process.off('exit', killOnParentExit);
      await rm(files.pid, { force: true });
    })());

  const brokers = `127.0.0.1:${options.advertisedPort ?? port}`;
  try {
    const deadline = startedAt + READY_TIMEOUT_MS;
    await waitForReadyLine(child, exited, files.brokerLog, deadline, log);
    await waitUntilBrokerAnswers(brokers, exited, deadline, log);
  } catch (error) {
    await stop();
    throw error;
  }
  log(`Kafka ${version} ready on ${brokers} (pid ${pid}) in ${Date.now() - startedAt} ms`);
  return { brokers, clusterId, pid, version, stop };
}

function brokerFiles(kafkaDir: string) {
  return {
    dir: kafkaDir,
    data: path.join(kafkaDir, 'data'),
    tmp: path.join(kafkaDir, 'tmp'),
    metaProperties: path.join(kafkaDir, 'data', 'meta.properties'),
    clusterId: path.join(kafkaDir, 'cluster-id'),
    pid: path.join(kafkaDir, 'broker.pid'),
    brokerLog: path.join(kafkaDir, 'broker.log'),
    serverProperties: path.join(kafkaDir, 'server.properties'),
    log4jProperties: path.join(kafkaDir, 'log4j.properties'),
  };
}
type BrokerFiles = ReturnType<typeof brokerFiles>;

function serverProperties(
  port: number,
  controllerPort: number,
  dataDir: string,
  secured: SecuredListeners | undefined,
  advertisedPort = port,
  node?: KafkaClusterNode,
): string {
  const extra = securedListeners(secured);
  const secureListeners = extra.map((l) => `${l.name}://127.0.0.1:${l.port}`);
  const replicas = node?.replicationFactor ?? 1;
  return [
    'process.roles=broker,controller',
    `node.id=${node?.nodeId ?? 1}`,
    `controller.quorum.voters=${node?.quorumVoters ?? `1@127.0.0.1:${controllerPort}`}`,
    `listeners=${[`PLAINTEXT://127.0.0.1:${port}`, ...secureListeners, `CONTROLLER://127.0.0.1:${controllerPort}`].join(',')}`,
    `advertised.listeners=${[`PLAINTEXT://127.0.0.1:${advertisedPort}`, ...secureListeners].join(',')}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `listener.security.protocol.map=${['PLAINTEXT', 'CONTROLLER', ...extra.map((l) => l.name)]
      .map((name) => `${name}:${name === 'CONTROLLER' ? 'PLAINTEXT' : name}`)
      .join(',')}`,
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    // A single node cannot place more replicas; 50 offsets partitions also slow the first group join.
    `offsets.topic.replication.factor=${replicas}`,
    'offsets.topic.num.partitions=1',
    `transaction.state.log.replication.factor=${replicas}`,
    `transaction.state.log.min.isr=${node?.minInsyncReplicas ?? 1}`,
    `default.replication.factor=${replicas}`,
    `min.insync.replicas=${node?.minInsyncReplicas ?? 1}`,
    // A replica that lost its leader must never become one: that is how acks=all writes get lost.
    'unclean.leader.election.enable=false',
    'transaction.state.log.num.partitions=1',
    'group.initial.rebalance.delay.ms=0',
    // Topics are created explicitly, so a typo'd topic name fails instead of silently appearing.
    'auto.create.topics.enable=false',
    'num.network.threads=2',
    // Kafka's default. With 2, the dispatcher's fetches over all its partitions held both request
    // threads and produce requests queued behind them (docs/performance.md, round seven: latency).
    'num.io.threads=8',
    // After a kill -9 the restarted controller rejects the new registration
    // (DUPLICATE_BROKER_REGISTRATION) until the old session expires: ~10 s with the 9 s default, ~3 s here.
    'broker.session.timeout.ms=3000',
    'broker.heartbeat.interval.ms=1000',
    '',
  ].join('\n');
}

// Root at WARN keeps broker.log small; the two INFO loggers print the readiness lines we wait for.
const LOG4J_PROPERTIES = [
  'log4j.rootLogger=WARN, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka.server.BrokerLifecycleManager=INFO',
  'log4j.logger.kafka.server.KafkaRaftServer=INFO',
  '',
].join('\n');

function jvmArgs(libDir: string, files: BrokerFiles): string[] {
  return [
    '-Xms256m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:ActiveProcessorCount=2',
    '-Djava.awt.headless=true',
    '-XX:TieredStopAtLevel=1',
    `-Djava.io.tmpdir=${files.tmp}`,
    `-Dlog4j.configuration=file:${files.log4jProperties}`,
    '-cp',
    path.join(libDir, '*'),
  ];
}

async function readOrCreateClusterId(files: BrokerFiles): Promise<string> {
  const existing = (await readFile(files.clusterId, 'utf8').catch(() => '')).trim();
  if (existing) return existing;
  // Data formatted earlier keeps its id (format -g will not change it), so adopt it rather than lie.
  const formatted = /^cluster\.id=(.+)$/m.exec(await readFile(files.metaProperties, 'utf8').catch(() => ''));
  const clusterId = formatted ? formatted[1].trim() : newClusterId();
  await writeFile(files.clusterId, `${clusterId}\n`);
  return clusterId;
}

// Like Kafka's Uuid.randomUuid(): an id starting with '-' would be parsed as an option by `format -t`.
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function formatStorage(
  libDir: string,
  files: BrokerFiles,
  clusterId: string,
  scramUsers: NonNullable<SecuredListeners['scramUsers']>,
): Promise<void> {
  await runCommand(
    'java',
    [
      ...jvmArgs(libDir, files),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      files.serverProperties,
      '-g',
      // KRaft's way to create SCRAM credentials before the first start (no ZooKeeper to write them to).
      ...scramUsers.flatMap((user) => [
        '--add-scram',
        `${user.mechanism}=[name=${user.username},password=${user.password}]`,
      ]),
    ],
    scramUsers.map((user) => user.password),
  );
}

const SASL_MECHANISMS = ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN'] as const;

function securedListeners(
  secured: SecuredListeners | undefined,
): Array<{ name: 'SASL_SSL' | 'SASL_PLAINTEXT'; port: number }> {
  return [
    ...(secured?.saslSslPort === undefined ? [] : [{ name: 'SASL_SSL' as const, port: secured.saslSslPort }]),
    ...(secured?.saslPlaintextPort === undefined
      ? []
      : [{ name: 'SASL_PLAINTEXT' as const, port: secured.saslPlaintextPort }]),
  ];
}

/** server.properties lines of the secured listeners; empty without any. */
async function securedProperties(secured: SecuredListeners | undefined): Promise<string> {
  if (!secured) return '';
  const listeners = securedListeners(secured);
  const plainUsers = (secured.plainUsers ?? [])
    .map((user) => `user_${user.username}=${javaString(user.password)}`)
    .join(' ');
  const lines = [`sasl.enabled.mechanisms=${SASL_MECHANISMS.join(',')}`];
  for (const { name } of listeners) {
    const prefix = `listener.name.${name.toLowerCase()}`;
    lines.push(
      `${prefix}.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`,
      `${prefix}.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`,
      `${prefix}.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers};`,
    );
  }
  if (secured.saslSslPort !== undefined) {
    if (!secured.certificateFile || !secured.privateKeyFile) {
      throw new Error('a SASL_SSL listener needs certificateFile and privateKeyFile');
    }
    // Inline PEM: a PEM key store file would need an encrypted key; inline an unencrypted one is fine.
    lines.push(
      'listener.name.sasl_ssl.ssl.keystore.type=PEM',
      `listener.name.sasl_ssl.ssl.keystore.certificate.chain=${propertyValue(await readFile(secured.certificateFile, 'utf8'))}`,
      `listener.name.sasl_ssl.ssl.keystore.key=${propertyValue(await readFile(secured.privateKeyFile, 'utf8'))}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A Java properties value on one line: newlines as the `\n` escape. */
function propertyValue(text: string): string {
  return text.trim().replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n');
}

/** A JAAS option value: a double-quoted string. */
function javaString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

async function spawnBroker(libDir: string, files: BrokerFiles): Promise<ChildProcess> {
  // Keep the previous run's log: after a crash it is the only evidence.
  await rename(files.brokerLog, `${files.brokerLog}.previous`).catch(() => undefined);
  const logFd = openSync(files.brokerLog, 'w');
  try {
    const child = spawn('java', [...jvmArgs(libDir, files), 'kafka.Kafka', files.serverProperties], {
      cwd: files.dir,
      // Its own process group: a terminal's Ctrl-C reaches only the stack runner, which stops apps first.
      detached: true,
      stdio: ['ignore', logFd, logFd],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) =>
        reject(new Error(`Cannot start java (Java 17 needed on PATH): ${error.message}`)),
      );
    });
    return child;
  } finally {
    closeSync(logFd);
  }
}

async function waitForReadyLine(
  child: ChildProcess,
  exited: Promise<Exit>,
  brokerLog: string,
  deadline: number,
  log: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  let nextProgress = started + PROGRESS_EVERY_MS;
  let exit: Exit | undefined;
  void exited.then((value) => (exit = value));
  for (;;) {
    if (READY_PATTERN.test(await readFile(brokerLog, 'utf8'))) return;
    if (exit) {
      throw new Error(
        `Kafka broker exited during start-up (code ${exit.code}, signal ${exit.signal}):\n${await logTail(brokerLog)}`,
      );
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `Kafka broker not ready after ${READY_TIMEOUT_MS / 1000} s:\n${await logTail(brokerLog)}`,
      );
    }
    if (Date.now() >= nextProgress) {
      log(`  still waiting for the Kafka broker to start (${Math.round((Date.now() - started) / 1000)} s)`);
      nextProgress += PROGRESS_EVERY_MS;
    }
    await sleep(200);
  }
}

/**
 * The ready line is logged before the listener answers every client: metadata requests are retried
 * (with a short backoff) until the broker answers one, the broker exits, or the deadline passes.
 */
async function waitUntilBrokerAnswers(
  brokers: string,
  exited: Promise<Exit>,
  deadline: number,
  log: (line: string) => void,
): Promise<void> {
  let exit: Exit | undefined;
  void exited.then((value) => (exit = value));
  let lastError = '';
  for (let attempt = 1; ; attempt += 1) {
    try {
      await describeClusterOnce(brokers);
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (exit) throw new Error(`Kafka broker exited before answering (code ${exit.code}): ${lastError}`);
    if (Date.now() > deadline) throw new Error(`Kafka broker on ${brokers} never answered: ${lastError}`);
    if (attempt % 5 === 0) log(`  Kafka broker on ${brokers} not answering yet (${lastError}); retrying`);
    await sleep(Math.min(2_000, 250 * attempt));
  }
}

async function describeClusterOnce(brokers: string): Promise<void> {
  const admin = new Kafka({
    clientId: 'stack-readiness',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    retry: { retries: 0 },
  }).admin();
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}

async function terminate(child: ChildProcess, exited: Promise<Exit>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (await settlesWithin(exited, STOP_TIMEOUT_MS)) return;
  child.kill('SIGKILL');
  await exited;
}

// ---------------------------------------------------------------------------
// Stale state and ports
// ---------------------------------------------------------------------------

/** A broker an earlier run left (its runner killed outright), stopped; its pid file removed. */
async function killStaleBroker(pidFile: string, log: (line: string) => void): Promise<void> {
  const broker = {
    pid: await readPid(pidFile),
    name: 'the Kafka broker',
    isOurs: (commandLine: string) => /\bjava\b/.test(commandLine) && commandLine.includes('kafka.Kafka'),
  };
  // SIGTERM: after a controlled shutdown the next start registers at once (see broker.session.timeout.ms).
  await stopLeftover(broker, 'SIGTERM', 10_000, log);
  await rm(pidFile, { force: true });
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/** `secrets` (e.g. SCRAM passwords in `--add-scram`) are masked in the error text. */
function runCommand(command: string, args: string[], secrets: readonly string[] = []): Promise<void> {
  const mask = (text: string) =>
    secrets.reduce((masked, secret) => (secret ? masked.split(secret).join('********') : masked), text);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => reject(new Error(`Cannot run ${command}: ${error.message}`)));
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(mask(`${command} ${args.join(' ')} failed with code ${code}:\n${output.trim()}`))),
    );
  });
}

async function logTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
