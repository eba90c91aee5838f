import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const repoRoot = join(__dirname, '..', '..', '..');

export interface StartedStack {
  process: ChildProcess;
  apiUrl: string;
  adminToken: string;
  databaseUrl: string;
  output: string[];
  /** SIGTERM to the stack runner, as a supervisor would; resolves with the exit code. */
  stop(): Promise<number | null>;
  /**
   * SIGINT to the stack runner's whole process group, as a terminal's Ctrl-C reaches the foreground
   * group (needs `foreground: true`); resolves with the exit code.
   */
  interrupt(): Promise<number | null>;
  /**
   * The terminal closing under the stack runner (needs `foreground: true`): its output goes nowhere from
   * now on (the pipes are closed) and its process group gets SIGHUP; resolves with the exit code.
   */
  hangUp(): Promise<number | null>;
}

/**
 * Runs the stack exactly as `npm start` does (same entry point), with the given environment. With
 * `logFile`, every line it prints also goes there, for specs in other processes (the no-secret scan).
 * With `foreground`, the runner leads a process group of its own, as a terminal's foreground job does.
 */
export function startStackProcess(
  env: NodeJS.ProcessEnv,
  options: { logFile?: string; foreground?: boolean } = {},
): Promise<StartedStack> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/stack/src/start.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    detached: options.foreground ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const { logFile } = options;
  if (logFile !== undefined) writeFileSync(logFile, '');
  const record = (line: string) => {
    output.push(line);
    if (logFile !== undefined) appendFileSync(logFile, `${line}\n`);
  };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const signalGroup = (signal: NodeJS.Signals) => {
    if (!options.foreground)
      throw new Error(`${signal} to the group needs a stack started with foreground: true`);
    process.kill(-child.pid!, signal);
    return exited;
  };
  createInterface({ input: child.stderr! }).on('line', record);
  return new Promise((resolve, reject) => {
    const banner: Record<string, string> = {};
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `stack not up in 600 s (its own start-up waits are bounded and fail first):\n${output.join('\n')}`,
          ),
        ),
      600_000,
    );
    void exited.then((code) => reject(new Error(`stack exited (${code}):\n${output.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      record(line);
      const field = /^\s+(API base URL|Admin token|PostgreSQL):\s+(\S+)$/.exec(line);
      if (field) banner[field[1]] = field[2];
      if (line.startsWith('Press Ctrl-C')) {
        clearTimeout(timer);
        resolve({
          process: child,
          apiUrl: banner['API base URL'],
          adminToken: banner['Admin token'],
          databaseUrl: banner['PostgreSQL'],
          output,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
          interrupt: () => signalGroup('SIGINT'),
          hangUp: () => {
            child.stdout!.destroy();
            child.stderr!.destroy();
            return signalGroup('SIGHUP');
          },
        });
      }
    });
  });
}
