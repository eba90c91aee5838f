import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A stack runner killed outright (SIGKILL, the OOM killer, a supervisor giving up) cannot stop what it
 * started: the apps, Kafka and PostgreSQL each run in a process group of their own and outlive it, holding
 * their ports, and the next `npm start` refused to start. Each process is therefore findable afterwards
 * by a pid file (the runner's and the apps' under `<stackDir>/pids/`, the broker's own, PostgreSQL's
 * `postmaster.pid`), and the next start stops what the dead runner left.
 *
 * A pid is reused once its process is gone, so a pid file only names a process while that pid's command
 * line is still the one recorded (or, for the broker and PostgreSQL, still theirs).
 */
export interface Leftover {
  pid: number | undefined;
  /** What the log calls it: `the dispatcher`, `PostgreSQL`. */
  name: string;
  isOurs(commandLine: string): boolean;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process's arguments joined by spaces; '' once it is gone. */
export function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
  } catch {
    return (spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).stdout ?? '').trim();
  }
}

/** The first line of a pid file (ours, the broker's, PostgreSQL's `postmaster.pid`) as a pid, if any. */
export async function readPid(pidFile: string): Promise<number | undefined> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether a leftover's pid still runs it (and is not this process). */
export function isRunning(leftover: Leftover): boolean {
  const { pid } = leftover;
  return pid !== undefined && pid !== process.pid && isAlive(pid) && leftover.isOurs(commandLineOf(pid));
}

/**
 * Stops a leftover if it still runs: `signal` first (each program's own clean stop), SIGKILL if it has not
 * exited after `graceMs`. Returns whether there was one.
 */
export async function stopLeftover(
  leftover: Leftover,
  signal: NodeJS.Signals,
  graceMs: number,
  log: (line: string) => void,
): Promise<boolean> {
  const { pid } = leftover;
  if (pid === undefined || !isRunning(leftover)) return false;
  log(`Stopping ${leftover.name} (pid ${pid}), left running by an earlier start that was killed`);
  process.kill(pid, signal);
  if (await exitsWithin(pid, graceMs)) return true;
  process.kill(pid, 'SIGKILL');
  await exitsWithin(pid, 5_000);
  return true;
}

async function exitsWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

/** `<stackDir>/pids/<name>.pid`: a process's pid and the command line it was started with. */
export class PidFiles {
  readonly dir: string;

  constructor(stackDir: string) {
    this.dir = join(stackDir, 'pids');
  }

  async record(name: string, pid: number, commandLine: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.path(name), `${pid}\n${commandLine}\n`);
  }

  async forget(name: string): Promise<void> {
    await rm(this.path(name), { force: true });
  }

  /** The process a pid file names, as a leftover: ours while its pid still runs the recorded command. */
  async leftover(name: string): Promise<Leftover> {
    const commandLine = (await readFile(this.path(name), 'utf8').catch(() => '')).split('\n')[1];
    return { pid: await readPid(this.path(name)), name, isOurs: (current) => current === commandLine };
  }

  private path(name: string): string {
    return join(this.dir, `${name}.pid`);
  }
}
