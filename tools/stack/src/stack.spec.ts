import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, PidFiles } from './leftover-processes';
import { startStack } from './stack';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

/** A node process running `script`, in a group of its own as the stack's apps are; resolves once it has written a line. */
async function nodeProcess(script: string): Promise<{ child: ChildProcess; commandLine: string }> {
  const child = spawn(process.execPath, ['-e', script], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise((resolve) => child.stdout!.once('data', resolve));
  return { child, commandLine: [process.execPath, '-e', script].join(' ') };
}

function options(stackDir: string, appEnv: NodeJS.ProcessEnv, log: string[]) {
  return {
    stackDir,
    jarsStackDir: stackDir,
    kafkaPort: 1,
    postgresPort: 1,
    appEnv,
    log: (line: string) => log.push(line),
  };
}

describe('startStack', () => {
  it("refuses, naming the app and its setting, when an app's port is taken, before starting anything", async () => {
    // NetBox's development server on a service's port, say (the ports are checked in `APPS` order).
    const other = createServer();
    const taken = await listen(other);
    const stackDir = mkdtempSync(join(tmpdir(), 'stack-ports-'));
    const log: string[] = [];
    try {
      await expect(
        startStack({
          stackDir,
          jarsStackDir: stackDir,
          kafkaPort: 1,
          postgresPort: 1,
          appEnv: { REPORTS_PORT: String(taken) },
          log: (line) => log.push(line),
        }),
      ).rejects.toThrow(
        `Port ${taken} (reports; choose another with REPORTS_PORT) is already in use; stop what holds it.`,
      );
      // Nothing was started or written: no PostgreSQL or Kafka step was logged, no data directory made.
      expect(log).toEqual([]);
      expect(readdirSync(stackDir)).toEqual([]);
    } finally {
      other.close();
      rmSync(stackDir, { recursive: true, force: true });
    }
  });

  it('stops the apps a runner killed outright left running (holding their ports) before checking the ports', async () => {
    // The reports app of a runner that got SIGKILL: still listening on its port, its pid file left behind.
    const probe = createServer();
    const port = await listen(probe);
    probe.close();
    const leftover = await nodeProcess(
      `require('node:net').createServer().listen(${port}, '127.0.0.1', () => console.log('up'))`,
    );
    // The gateway's port held by something else, so the start stops at the port checks, before PostgreSQL.
    const other = createServer();
    const taken = await listen(other);
    const stackDir = mkdtempSync(join(tmpdir(), 'stack-leftovers-'));
    const pidFiles = new PidFiles(stackDir);
    await pidFiles.record('runner', 2 ** 22 + 1, 'node -r @swc-node/register tools/stack/src/start.ts');
    await pidFiles.record('reports', leftover.child.pid!, leftover.commandLine);
    const log: string[] = [];
    try {
      await expect(
        startStack(options(stackDir, { REPORTS_PORT: String(port), GATEWAY_PORT: String(taken) }, log)),
      ).rejects.toThrow(`Port ${taken} (gateway; choose another with GATEWAY_PORT) is already in use`);
      expect(log).toEqual([
        `Stopping reports (pid ${leftover.child.pid}), left running by an earlier start that was killed`,
      ]);
      expect(isAlive(leftover.child.pid!)).toBe(false);
      expect((await pidFiles.leftover('reports')).pid).toBeUndefined();
    } finally {
      leftover.child.kill('SIGKILL');
      other.close();
      rmSync(stackDir, { recursive: true, force: true });
    }
  });

  it('refuses, leaving it alone, while another runner on the same stack dir is alive', async () => {
    const runner = await nodeProcess(`console.log('running'); setInterval(() => {}, 1000)`);
    const stackDir = mkdtempSync(join(tmpdir(), 'stack-runner-'));
    await new PidFiles(stackDir).record('runner', runner.child.pid!, runner.commandLine);
    try {
      await expect(startStack(options(stackDir, {}, []))).rejects.toThrow(
        `Another stack (pid ${runner.child.pid}) is running from ${stackDir}; stop it first, or give this one another STACK_DIR.`,
      );
      expect(isAlive(runner.child.pid!)).toBe(true);
    } finally {
      runner.child.kill('SIGKILL');
      rmSync(stackDir, { recursive: true, force: true });
    }
  });
});
