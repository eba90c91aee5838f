import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { builtEntry } from './app-build';
import type { PidFiles } from './leftover-processes';
import { portSetting } from './port-check';

export interface AppDefinition {
  name: string;
  /** The env key the app reads its HTTP port from (its `config.ts`), and that key's default. */
  portEnv: string;
  defaultPort: number;
}

/** The services `npm start` runs, in start order; the gateway last so it fronts running services. */
export const APPS: readonly AppDefinition[] = [
  { name: 'reports', portEnv: 'REPORTS_PORT', defaultPort: 8001 },
  { name: 'webhook-registry', portEnv: 'WEBHOOK_REGISTRY_PORT', defaultPort: 8002 },
  { name: 'dispatcher', portEnv: 'DISPATCHER_PORT', defaultPort: 8003 },
  { name: 'ingest', portEnv: 'INGEST_PORT', defaultPort: 8004 },
  { name: 'gateway', portEnv: 'GATEWAY_PORT', defaultPort: 8000 },
];

const repoRoot = join(__dirname, '..', '..', '..');

/**
 * `built`: the JavaScript `npm run build` wrote to `dist/apps/<app>` (what production runs, and a third of
 * the memory: no compiler loaded in each process); `typescript`: the sources through @swc-node/register,
 * for `npm start -- --dev` while editing.
 */
export type AppRuntime = 'built' | 'typescript';

/**
 * glibc malloc settings the dispatcher runs with (the caller's environment may override them;
 * docker-compose.yml sets the same). Buffers a full collection frees (Kafka fetches, claim bodies) went back
 * to malloc but not to the system: with glibc's sliding mmap threshold, large buffers came from the main
 * heap and the small ones allocated after them kept it from shrinking (88 MiB resident there during a
 * backlog drain, for 20-40 MiB of ArrayBuffers). A fixed threshold maps buffers of 128 KiB and more on
 * their own and unmaps them when freed (19-25 MiB); two arenas bound the per-thread ones. Runs in
 * docs/performance.md, "Round seven: dispatcher memory".
 */
const MALLOC_ENV: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  dispatcher: { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' },
};

/** The malloc settings of an app's processes, given before the caller's environment. */
export function mallocEnvironment(app: string): Readonly<Record<string, string>> {
  return MALLOC_ENV[app] ?? {};
}

/**
 * V8 flags an app's `main` runs with (docker-compose.yml gives the dispatcher the same on its command line;
 * `NODE_OPTIONS` refuses `--heap-growing-percent`). V8 otherwise lets the old generation grow to up to 4x
 * what survived its last full collection when promotion is fast, as it is while a backlog streams through
 * the dispatcher; after a fanout the backlog's intake grew it to 240-280 MiB before the next collection
 * (peak RSS 327-472 MiB). 2.5x: 313-334 MiB, no more CPU per drained delivery in two back-to-back pairs;
 * 2x met 300 MiB but cost ~30 % CPU. Runs in docs/performance.md, "Round eight: dispatcher memory".
 */
const V8_FLAGS: Readonly<Record<string, readonly string[]>> = {
  dispatcher: ['--heap-growing-percent=150'],
};

/** How `node` runs one entry (`main`, `migrate`, ...) of an app in the given runtime. */
export function appCommandArgs(app: string, runtime: AppRuntime, entry = 'main'): string[] {
  const flags = entry === 'main' ? (V8_FLAGS[app] ?? []) : [];
  return runtime === 'built'
    ? [...flags, builtEntry(app, entry)]
    : [...flags, '-r', '@swc-node/register', join(repoRoot, 'apps', app, 'src', `${entry}.ts`)];
}

export function appPort(app: AppDefinition, env: NodeJS.ProcessEnv): number {
  return portSetting(env, app.portEnv, app.defaultPort);
}

export interface RunningApp {
  name: string;
  /** The current process (a new one after each restart); undefined between a crash and its restart. */
  pid(): number | undefined;
  stop(): Promise<void>;
}

/** A process that ran this long before dying crashed on its own, not in a start-up loop: backoff resets. */
const STABLE_UPTIME_MS = 60_000;

/**
 * Runs one app as a child process (its built output, or its TypeScript in the `typescript` runtime; the
 * caller builds first, see `buildUnits`) and restarts it
 * if it dies, so a crashed service comes back by itself (after a backoff that grows while it keeps dying
 * at start-up); its output is prefixed with its name, and also appended unprefixed (the JSON log lines as
 * the service wrote them) to `logFile` when given.
 */
export function runApp(
  app: AppDefinition,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  {
    logFile,
    pidFiles,
    runtime = 'built',
  }: { logFile?: string; pidFiles?: PidFiles; runtime?: AppRuntime } = {},
): RunningApp {
  let child: ChildProcess | undefined;
  const file = logFile === undefined ? undefined : openLogFile(logFile);
  let stopping = false;
  let restarts = 0;
  let recording: Promise<void> | undefined;

  const launch = () => {
    const launchedAt = Date.now();
    const args = appCommandArgs(app.name, runtime);
    child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...mallocEnvironment(app.name), ...process.env, ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: Ctrl-C reaches only the stack runner, which stops the apps in order.
      detached: true,
    });
    if (child.pid !== undefined)
      recording = pidFiles
        ?.record(app.name, child.pid, [process.execPath, ...args].join(' '))
        .catch((error: unknown) => log(`[${app.name}] pid file not written: ${String(error)}`));
    forEachLine(child, (line) => {
      log(`[${app.name}] ${line}`);
      file?.write(`${line}\n`);
    });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      child = undefined;
      if (Date.now() - launchedAt >= STABLE_UPTIME_MS) restarts = 0;
      restarts += 1;
      const delay = Math.min(30_000, 500 * 2 ** Math.min(restarts, 6));
      log(`[${app.name}] exited (${signal ?? code}); restarting in ${delay} ms`);
      setTimeout(() => !stopping && launch(), delay).unref();
    });
  };
  launch();

  return {
    name: app.name,
    pid: () => child?.pid,
    stop: async () => {
      stopping = true;
      await stopChild(child);
      await recording;
      await pidFiles?.forget(app.name);
      await new Promise<void>((resolve) => (file ? file.end(resolve) : resolve()));
    },
  };
}

function openLogFile(path: string): WriteStream {
  mkdirSync(dirname(path), { recursive: true });
  return createWriteStream(path, { flags: 'a' });
}

function forEachLine(child: ChildProcess, log: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) log(line);
    });
  }
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
