import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { plaintextKafka } from '@validity/platform/config';
import { ensureTopics, warmUpBroker } from '@validity/platform/kafka';
import { Kafka, logLevel } from 'kafkajs';
import {
  appEnvironment,
  assertPortFree,
  ensureKafkaJars,
  gatewayApiUrl,
  startApps,
  startEmbeddedPostgres,
  startKafkaBroker,
  type RunningApp,
  type RunningKafkaBroker,
  type RunningPostgres,
} from '@validity/stack';
import type { FaketimeClock } from './faketime-clock';
import type { ToxiproxyServer } from './toxiproxy-server';

const repoRoot = join(__dirname, '..', '..', '..');

export interface ChaosPorts {
  gateway: number;
  reports: number;
  registry: number;
  dispatcher: number;
  ingest: number;
  kafka: number;
  postgres: number;
}

export interface ChaosStackOptions {
  stackDir: string;
  ports: ChaosPorts;
  adminToken: string;
  /** App settings on top of the defaults (e.g. a retry schedule that fits in a run). */
  appSettings: Record<string, string>;
  log: (line: string) => void;
  /**
   * Every app reaches Kafka and PostgreSQL through these Toxiproxy proxies (the broker advertises the
   * Kafka proxy's port, so every broker connection goes through it, not only the bootstrap one).
   */
  network?: NetworkProxies;
  /**
   * Three brokers (KRaft, each broker + controller) on ports kafka, kafka+2, kafka+4 (controllers one
   * above each), every topic with 3 replicas and `min.insync.replicas` 2; default one broker.
   */
  kafkaNodes?: 1 | 3;
  /** The dispatcher runs under this faked wall clock (the clock faults). */
  dispatcherClock?: FaketimeClock;
}

export interface NetworkProxies {
  toxiproxy: ToxiproxyServer;
  kafkaProxyPort: number;
  postgresProxyPort: number;
}

/** Toxiproxy's names of the two proxies every app's traffic goes through. */
export const KAFKA_PROXY = 'kafka';
export const POSTGRES_PROXY = 'postgres';

/**
 * The product as `npm start` runs it (same launchers, same supervised app processes), but holding a
 * handle on every part so a fault can kill or restart exactly one of them while the rest keep running.
 */
export class ChaosStack {
  readonly apiUrl: string;
  readonly authorization: string;
  readonly kafkaBrokers: string;

  private constructor(
    private readonly options: ChaosStackOptions,
    private postgres: RunningPostgres,
    /** One per node; a killed node's entry stays until `startKafkaNode` replaces it. */
    private readonly brokers: RunningKafkaBroker[],
    private readonly kafkaLibDir: string,
    private readonly apps: RunningApp[],
    env: NodeJS.ProcessEnv,
    private readonly clusterId: string,
  ) {
    this.apiUrl = gatewayApiUrl(env);
    this.authorization = `Token ${options.adminToken}`;
    this.kafkaBrokers = brokers.map((broker) => broker.brokers).join(',');
  }

  static async start(options: ChaosStackOptions): Promise<ChaosStack> {
    // Another chaos run owns these ports and this directory: refuse before deleting its data.
    const kafkaPorts = kafkaNodePorts(options).flatMap((node) => [node.port, node.controllerPort]);
    const proxyPorts = options.network
      ? [options.network.kafkaProxyPort, options.network.postgresProxyPort]
      : [];
    for (const port of new Set([...Object.values(options.ports), ...kafkaPorts, ...proxyPorts])) {
      await assertPortFree(port, 'chaos stack: is another chaos run going?');
    }
    await rm(options.stackDir, { recursive: true, force: true });
    // Resolved once: restarts of the broker reuse it.
    const kafkaLibDir = await ensureKafkaJars(join(repoRoot, '.stack'), options.log);
    const postgres = await startPostgres(options);
    const { network } = options;
    if (network) {
      // Before the broker: it advertises the proxy's port, and its own readiness check goes through it.
      await network.toxiproxy.createProxy(KAFKA_PROXY, network.kafkaProxyPort, options.ports.kafka);
      await network.toxiproxy.createProxy(POSTGRES_PROXY, network.postgresProxyPort, options.ports.postgres);
    }
    const clusterId = randomBytes(16).toString('base64url').replace(/^-/, 'A');
    const brokers = await Promise.all(
      kafkaNodePorts(options).map((_, index) => startBroker(options, kafkaLibDir, index, clusterId)),
    ).catch(async (error: unknown) => {
      await postgres.stop();
      throw error;
    });
    const bootstrap = brokers.map((broker) => broker.brokers).join(',');
    try {
      await ensureTopics(bootstrap);
      await warmUpBroker(bootstrap);
      const { ports } = options;
      const env = appEnvironment(
        {
          ...options.appSettings,
          GATEWAY_PORT: String(ports.gateway),
          REPORTS_PORT: String(ports.reports),
          WEBHOOK_REGISTRY_PORT: String(ports.registry),
          DISPATCHER_PORT: String(ports.dispatcher),
          INGEST_PORT: String(ports.ingest),
        },
        // Its own bundled broker: plaintext, whatever KAFKA_TLS / KAFKA_SASL_* the caller's shell has.
        {
          kafka: plaintextKafka(bootstrap),
          databaseUrl: network
            ? withPort(postgres.databaseUrl, network.postgresProxyPort)
            : postgres.databaseUrl,
        },
        options.adminToken,
        randomBytes(32).toString('hex'),
      );
      const apps = await startApps(env, options.log, {
        envByApp: { dispatcher: options.dispatcherClock?.env() ?? {} },
      });
      return new ChaosStack(options, postgres, brokers, kafkaLibDir, apps, env, clusterId);
    } catch (error) {
      await Promise.all(brokers.map((broker) => broker.stop()));
      await postgres.stop();
      throw error;
    }
  }

  get versions(): { kafka: string; postgres: string } {
    return { kafka: this.brokers[0].version, postgres: this.postgres.version };
  }

  /** The app's current process id (a new one after each restart), for the soak's RSS samples. */
  appPid(name: string): number | undefined {
    return this.app(name).pid();
  }

  /** PostgreSQL itself, not through a proxy: the soak's size queries. */
  get databaseUrl(): string {
    return this.postgres.databaseUrl;
  }

  networkProxies(): NetworkProxies {
    if (!this.options.network) throw new Error('this chaos stack was started without network proxies');
    return this.options.network;
  }

  dispatcherClock(): FaketimeClock {
    if (!this.options.dispatcherClock)
      throw new Error('this chaos stack runs the dispatcher on the real clock');
    return this.options.dispatcherClock;
  }

  /** `kill -9` of one Kafka node (index 0..2) mid-stream: no controlled shutdown, no leader hand-over. */
  async killKafkaNode(index: number): Promise<void> {
    process.kill(this.brokers[index].pid, 'SIGKILL');
    await this.brokers[index].stop();
  }

  async startKafkaNode(index: number): Promise<void> {
    this.brokers[index] = await startBroker(this.options, this.kafkaLibDir, index, this.clusterId);
  }

  /** The node index (0..2) leading a partition, as the cluster's metadata says. */
  async kafkaLeaderIndex(topic: string, partition: number): Promise<number> {
    const admin = new Kafka({
      clientId: 'chaos-leader-lookup',
      brokers: this.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const leader = topics[0].partitions.find((p) => p.partitionId === partition)?.leader;
      if (leader === undefined || leader < 1) throw new Error(`${topic}/${partition} has no leader`);
      return leader - 1;
    } finally {
      await admin.disconnect();
    }
  }

  /** `kill -9` of the dispatcher process; its supervisor starts a new one, as in production. */
  killDispatcher(): void {
    this.killApp('dispatcher');
  }

  /** `kill -9` of one app's process (`reports`, `webhook-registry`, `gateway`, ...); its supervisor restarts it. */
  killApp(name: string): void {
    const pid = this.app(name).pid();
    if (pid === undefined) throw new Error(`${name} is not running`);
    process.kill(pid, 'SIGKILL');
  }

  async stopKafka(): Promise<void> {
    await this.brokers[0].stop();
  }

  async startKafka(): Promise<void> {
    await this.startKafkaNode(0);
  }

  async stopPostgres(): Promise<void> {
    await this.postgres.stop();
  }

  async startPostgres(): Promise<void> {
    this.postgres = await startPostgres(this.options);
  }

  async stop(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.stop()));
    await Promise.all(this.brokers.map((broker) => broker.stop()));
    await this.postgres.stop();
  }

  private app(name: string): RunningApp {
    const app = this.apps.find((candidate) => candidate.name === name);
    if (!app) throw new Error(`no app ${name}`);
    return app;
  }
}

function startPostgres(options: ChaosStackOptions): Promise<RunningPostgres> {
  return startEmbeddedPostgres({ stackDir: options.stackDir, port: options.ports.postgres });
}

/** Each node's PLAINTEXT and controller ports: kafka, kafka+1 for one node; kafka+2i, kafka+2i+1 for three. */
function kafkaNodePorts(options: ChaosStackOptions): Array<{ port: number; controllerPort: number }> {
  const nodes = options.kafkaNodes ?? 1;
  return Array.from({ length: nodes }, (_, index) => ({
    port: options.ports.kafka + 2 * index,
    controllerPort: options.ports.kafka + 2 * index + 1,
  }));
}

function startBroker(
  options: ChaosStackOptions,
  libDir: string,
  index: number,
  clusterId: string,
): Promise<RunningKafkaBroker> {
  const nodes = kafkaNodePorts(options);
  const { port, controllerPort } = nodes[index];
  return startKafkaBroker({
    stackDir: options.stackDir,
    libDir,
    port,
    controllerPort,
    advertisedPort: options.network?.kafkaProxyPort,
    log: options.log,
    clusterNode:
      nodes.length === 1
        ? undefined
        : {
            nodeId: index + 1,
            quorumVoters: nodes.map((node, i) => `${i + 1}@127.0.0.1:${node.controllerPort}`).join(','),
            clusterId,
            replicationFactor: 3,
            minInsyncReplicas: 2,
          },
  });
}

function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
}
