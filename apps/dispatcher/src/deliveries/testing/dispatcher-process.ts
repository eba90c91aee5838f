import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..', '..', '..');

/** A free TCP port on 127.0.0.1, for a process the test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The dispatcher exactly as deployed: its own process, started from main.ts, configured by environment. */
export class DispatcherProcess {
  readonly output: string[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/dispatcher/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (chunk) => this.output.push(String(chunk)));
    // Generous: a process start compiles TypeScript on load, slow on a loaded 2-core machine. (A loop of
    // its own: this file is not a spec, so it may not use the testing lib's waitFor.)
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the dispatcher exited:\n${this.output.join('')}`);
      const health = await fetch(`http://127.0.0.1:${this.env.DISPATCHER_PORT}/health`).catch(
        () => undefined,
      );
      if (health?.ok) return;
      if (Date.now() > deadline)
        throw new Error(`the dispatcher on port ${this.env.DISPATCHER_PORT} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    this.child?.kill(signal);
    await this.exited;
  }
}
