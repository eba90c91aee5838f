import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { plaintextKafka } from '@validity/platform/config';
import { ensureTopics, warmUpBroker } from '@validity/platform/kafka';
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
}

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
    private broker: RunningKafkaBroker,
    private readonly kafkaLibDir: string,
    private readonly apps: RunningApp[],
    env: NodeJS.ProcessEnv,
  ) {
    this.apiUrl = gatewayApiUrl(env);
    this.authorization = `Token ${options.adminToken}`;
    this.kafkaBrokers = broker.brokers;
  }

  static async start(options: ChaosStackOptions): Promise<ChaosStack> {
    // Another chaos run owns these ports and this directory: refuse before deleting its data.
    for (const port of [...Object.values(options.ports), options.ports.kafka + 1]) {
      await assertPortFree(port, 'chaos stack: is another chaos run going?');
    }
    await rm(options.stackDir, { recursive: true, force: true });
    // Resolved once: restarts of the broker reuse it.
    const kafkaLibDir = await ensureKafkaJars(join(repoRoot, '.stack'), options.log);
    const postgres = await startPostgres(options);
    const broker = await startBroker(options, kafkaLibDir).catch(async (error: unknown) => {
      await postgres.stop();
      throw error;
    });
    try {
      await ensureTopics(broker.brokers);
      await warmUpBroker(broker.brokers);
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
        { kafka: plaintextKafka(broker.brokers), databaseUrl: postgres.databaseUrl },
        options.adminToken,
        randomBytes(32).toString('hex'),
      );
      const apps = await startApps(env, options.log);
      return new ChaosStack(options, postgres, broker, kafkaLibDir, apps, env);
    } catch (error) {
      await broker.stop();
      await postgres.stop();
      throw error;
    }
  }

  get versions(): { kafka: string; postgres: string } {
    return { kafka: this.broker.version, postgres: this.postgres.version };
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
    await this.broker.stop();
  }

  async startKafka(): Promise<void> {
    this.broker = await startBroker(this.options, this.kafkaLibDir);
  }

  async stopPostgres(): Promise<void> {
    await this.postgres.stop();
  }

  async startPostgres(): Promise<void> {
    this.postgres = await startPostgres(this.options);
  }

  async stop(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.stop()));
    await this.broker.stop();
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

function startBroker(options: ChaosStackOptions, libDir: string): Promise<RunningKafkaBroker> {
  return startKafkaBroker({
    stackDir: options.stackDir,
    libDir,
    port: options.ports.kafka,
    log: options.log,
  });
}
