import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { uniqueName } from './unique-name';

const repoRoot = join(__dirname, '..', '..', '..');

export interface PausableKafkaBroker {
  brokers: string;
  /** SIGSTOP: the broker stops answering (a hung or partitioned broker), connections stay open. */
  pause(): void;
  /** SIGCONT: it answers again, including what was sent to it meanwhile. */
  resume(): void;
  stop(): Promise<void>;
}

/**
 * A broker of a spec's own, for the one kind of test the shared broker cannot serve: Kafka being away.
 * Pausing it (rather than stopping it) makes Kafka unavailable without the cost of a restart. It runs
 * in a child process (tools/stack/src/serve-broker-for-tests.ts) that stops it when the spec ends.
 */
export function startPausableKafkaBroker(port: number): Promise<PausableKafkaBroker> {
  const stackDir = join(repoRoot, '.stack', 'test', uniqueName('spec-broker'));
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'tools/stack/src/serve-broker-for-tests.ts', String(port), stackDir],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    void exited.then(() => reject(new Error('the spec broker exited before it was ready')));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const { brokers, pid } = JSON.parse(line) as { brokers: string; pid: number };
      let paused = false;
      resolve({
        brokers,
        pause: () => {
          process.kill(pid, 'SIGSTOP');
          paused = true;
        },
        resume: () => {
          process.kill(pid, 'SIGCONT');
          paused = false;
        },
        stop: () => {
          if (paused) process.kill(pid, 'SIGCONT');
          child.stdin!.end();
          return exited;
        },
      });
    });
  });
}
