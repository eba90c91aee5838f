import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLineOf, isAlive, PidFiles, stopLeftover } from './leftover-processes';

/** A process that runs until signalled, in a group of its own as the stack's apps are. */
function sleeper(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
}

describe('leftover processes', () => {
  const stackDir = mkdtempSync(join(tmpdir(), 'leftovers-'));
  const started: ChildProcess[] = [];
  afterAll(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(stackDir, { recursive: true, force: true });
  });

  it('stops the process a pid file names while its pid still runs the recorded command, and says so', async () => {
    const child = sleeper();
    started.push(child);
    const pidFiles = new PidFiles(stackDir);
    await pidFiles.record(
      'reports',
      child.pid!,
      [process.execPath, '-e', 'setInterval(() => {}, 1000)'].join(' '),
    );
    const log: string[] = [];

    expect(
      await stopLeftover(await pidFiles.leftover('reports'), 'SIGTERM', 5_000, (line) => log.push(line)),
    ).toBe(true);
    expect(isAlive(child.pid!)).toBe(false);
    expect(log).toEqual([
      `Stopping reports (pid ${child.pid}), left running by an earlier start that was killed`,
    ]);
  });

  it('leaves a process alone once its pid runs another command (a pid reused after the crash)', async () => {
    const child = sleeper();
    started.push(child);
    const pidFiles = new PidFiles(stackDir);
    await pidFiles.record('gateway', child.pid!, '/usr/bin/node /checkout/dist/apps/gateway/main.js');

    expect(await stopLeftover(await pidFiles.leftover('gateway'), 'SIGTERM', 5_000, () => undefined)).toBe(
      false,
    );
    expect(isAlive(child.pid!)).toBe(true);
    expect(commandLineOf(child.pid!)).toBe(`${process.execPath} -e setInterval(() => {}, 1000)`);
  });

  it('has nothing to stop without a pid file, or once the process is gone', async () => {
    const pidFiles = new PidFiles(stackDir);
    expect(await stopLeftover(await pidFiles.leftover('dispatcher'), 'SIGTERM', 5_000, () => undefined)).toBe(
      false,
    );
    await pidFiles.record('ingest', 2 ** 22 + 1, 'node ingest');
    expect(await stopLeftover(await pidFiles.leftover('ingest'), 'SIGTERM', 5_000, () => undefined)).toBe(
      false,
    );
    await pidFiles.forget('ingest');
    expect((await pidFiles.leftover('ingest')).pid).toBeUndefined();
  });
});
