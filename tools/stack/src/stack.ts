import { join } from 'node:path';
import { kafkaConnectionEnv, type KafkaConnection } from '@validity/platform/config';
import { resolveAdminToken } from './admin-token';
import { appBuildUnit, buildUnits } from './app-build';
import { APPS, appPort, runApp, type AppRuntime, type RunningApp } from './app-processes';
import { startInfrastructure } from './infrastructure';
import { commandLineOf, isRunning, PidFiles, stopLeftover } from './leftover-processes';
import { assertPortFree } from './port-check';
import { resolveInternalTopicHmacKey } from './internal-topic-key';
import { waitForHealth } from './wait-for-health';

export interface StackOptions {
  stackDir: string;
  jarsStackDir: string;
  kafkaPort: number;
  postgresPort: number;
  kafkaBrokers?: string;
  /** TLS / SASL of the cluster at `kafkaBrokers`. */
  kafkaSecurity?: Pick<KafkaConnection, 'tls' | 'sasl'>;
  databaseUrl?: string;
  adminToken?: string;
  /** `INTERNAL_TOPIC_HMAC_KEY`; unset: generated once and kept in `<stackDir>/internal-topic-hmac-key`. */
  internalTopicHmacKey?: string;
  /** Environment for every app: ports (`GATEWAY_PORT`, ...) and app settings. */
  appEnv: NodeJS.ProcessEnv;
  /** `built` unless `npm start -- --dev` asks for the TypeScript sources. */
  appRuntime?: AppRuntime;
  log: (line: string) => void;
}

export interface RunningStack {
  apiUrl: string;
  adminToken: string;
  kafkaBrokers: string;
  databaseUrl: string;
  versions: { kafka: string; postgres: string };
  stop(): Promise<void>;
}

const GATEWAY = APPS.find((app) => app.name === 'gateway')!;

/**
 * How long one app may take to become healthy. Generous on purpose: on a loaded 2-core machine a
 * service's first start (migrations, and in the `typescript` runtime compiling on load) has taken over a
 * minute; a service that is truly stuck still fails the start, with its last health answer.
 */
export const APP_START_TIMEOUT_MS = 300_000;

/** The whole product: Kafka, PostgreSQL, topics, then every app (each migrates its schema on start). */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const pidFiles = new PidFiles(options.stackDir);
  await stopWhatAKilledRunnerLeft(pidFiles, options.stackDir, options.log);
  // An app whose port is taken (NetBox's own development server listens on 8000) would only be restarted
  // in a loop while the health wait asked the other server for five minutes: refused before anything starts.
  for (const app of APPS)
    await assertPortFree(appPort(app, options.appEnv), `${app.name}; choose another with ${app.portEnv}`);
  await pidFiles.record('runner', process.pid, commandLineOf(process.pid));
  const adminToken = await resolveAdminToken(join(options.stackDir, 'admin-token'), options.adminToken);
  const internalTopicHmacKey = await resolveInternalTopicHmacKey(
    join(options.stackDir, 'internal-topic-hmac-key'),
    options.internalTopicHmacKey,
  );
  const infrastructure = await startInfrastructure(options);
  const apps: RunningApp[] = [];
  const stop = async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await infrastructure.stop();
    await pidFiles.forget('runner');
  };
  try {
    const env = appEnvironment(options.appEnv, infrastructure, adminToken, internalTopicHmacKey);
    const logDir = join(options.stackDir, 'logs');
    apps.push(...(await startApps(env, options.log, { logDir, pidFiles, runtime: options.appRuntime })));
    return {
      apiUrl: gatewayApiUrl(env),
      adminToken,
      kafkaBrokers: infrastructure.kafkaBrokers,
      databaseUrl: infrastructure.databaseUrl,
      versions: infrastructure.versions,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A runner killed outright (SIGKILL, the OOM killer) leaves its apps running, each in a process group of
 * its own and holding its port: they are stopped here, before the port checks (PostgreSQL and the broker
 * are stopped by their own starts, from their own pid files). A runner still alive on this stack dir is
 * another `npm start`, and is left alone.
 */
async function stopWhatAKilledRunnerLeft(
  pidFiles: PidFiles,
  stackDir: string,
  log: (line: string) => void,
): Promise<void> {
  const runner = await pidFiles.leftover('runner');
  if (isRunning(runner)) {
    throw new Error(
      `Another stack (pid ${runner.pid}) is running from ${stackDir}; stop it first, or give this one another STACK_DIR.`,
    );
  }
  await Promise.all(
    APPS.map(async (app) => {
      await stopLeftover(await pidFiles.leftover(app.name), 'SIGTERM', 15_000, log);
      await pidFiles.forget(app.name);
    }),
  );
}

/**
 * What every app is started with: the caller's settings plus where Kafka (with its TLS / SASL settings),
 * PostgreSQL and each service are, and the keys the services share.
 */
export function appEnvironment(
  appEnv: NodeJS.ProcessEnv,
  infrastructure: { kafka: KafkaConnection; databaseUrl: string },
  adminToken: string,
  internalTopicHmacKey: string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...appEnv,
    ...kafkaConnectionEnv(infrastructure.kafka),
    DATABASE_URL: infrastructure.databaseUrl,
    ADMIN_TOKEN: adminToken,
    INTERNAL_TOPIC_HMAC_KEY: internalTopicHmacKey,
  };
  // The gateway finds each service at the port the stack gave it (REPORTS_URL, ...).
  for (const app of APPS) {
    env[app.portEnv.replace(/_PORT$/, '_URL')] = `http://127.0.0.1:${appPort(app, env)}`;
  }
  return env;
}

export interface StartAppsOptions {
  /** Each app's log lines also go to `<logDir>/<app>.log`. */
  logDir?: string;
  /** Each app's pid recorded while it runs, for a start after this runner was killed. */
  pidFiles?: PidFiles;
  /** Settings for one app only, by name (e.g. the chaos run's faked clock for the dispatcher). */
  envByApp?: Readonly<Record<string, NodeJS.ProcessEnv>>;
  runtime?: AppRuntime;
}

/** Starts every app in order, each once the previous one is healthy; the returned apps restart on a crash. */
export async function startApps(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  { logDir, pidFiles, envByApp = {}, runtime = 'built' }: StartAppsOptions = {},
): Promise<RunningApp[]> {
  // A no-op when dist/ is current; otherwise about a second per app, under a lock parallel runs share.
  if (runtime === 'built')
    await buildUnits(
      APPS.map((app) => appBuildUnit(app.name)),
      log,
    );
  const apps: RunningApp[] = [];
  try {
    for (const [index, app] of APPS.entries()) {
      const port = appPort(app, env);
      log(`Starting ${app.name} on port ${port} (${index + 1}/${APPS.length})...`);
      const started = Date.now();
      const appEnv = { ...env, ...envByApp[app.name] };
      const logFile = logDir === undefined ? undefined : join(logDir, `${app.name}.log`);
      apps.push(runApp(app, appEnv, log, { logFile, pidFiles, runtime }));
      await waitForHealth(port, APP_START_TIMEOUT_MS, (elapsedMs, lastProblem) =>
        log(
          `  still waiting for ${app.name} to be healthy (${Math.round(elapsedMs / 1000)} s, last: ${lastProblem})`,
        ),
      );
      log(`${app.name} is healthy (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    return apps;
  } catch (error) {
    await Promise.all(apps.map((app) => app.stop()));
    throw error;
  }
}

export function gatewayApiUrl(env: NodeJS.ProcessEnv): string {
  return `http://127.0.0.1:${appPort(GATEWAY, env)}/api/`;
}
