import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sharedClockEnv } from './shared-clock';

export interface ReceiverStats {
  count: number;
  /** `sharedNow()` (epoch milliseconds, sub-millisecond precision) of the first and last request received. */
  firstAt: number | null;
  lastAt: number | null;
}

export interface Receiver {
  /** `http://127.0.0.1:<port>/hook` */
  url: string;
  /** The receiver process, for its CPU time. */
  pid: number | undefined;
  stats(): Promise<ReceiverStats>;
  reset(): Promise<void>;
  /** `data.id` and arrival time of every envelope received (only with `recordIds`). */
  arrivals(): Promise<Array<[id: number, at: number]>>;
  /** From now on answers 500 and counts nothing (an outage), until `recover`. */
  fail(): Promise<void>;
  recover(): Promise<void>;
  /**
   * Polls until `count` requests have arrived; gives up when none arrived for `stallMs` or after
   * `timeoutMs` in all, and returns what was received by then.
   */
  waitForCount(count: number, options?: { timeoutMs?: number; stallMs?: number }): Promise<ReceiverStats>;
  stop(): Promise<void>;
}

/** Starts `receiver-process.ts` as a separate Node process (its own CPU time) and talks to it over pipes. */
export async function startReceiver(
  options: { delayMs?: number; recordIds?: boolean } = {},
): Promise<Receiver> {
  const args = ['-r', '@swc-node/register', join(__dirname, 'receiver-process.ts')];
  if (options.delayMs) args.push('--delay-ms', String(options.delayMs));
  if (options.recordIds) args.push('--record-ids');
  // Its arrival times are read on the benchmark's own clock, so they can be subtracted from send times.
  const child = spawn(process.execPath, args, {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...sharedClockEnv() },
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let queue = Promise.resolve<unknown>(undefined);

  const nextLine = async <T>(): Promise<T> => {
    const line = await lines.next();
    if (line.done) throw new Error('the receiver process ended');
    return JSON.parse(line.value) as T;
  };
  /** One request, one answer line; requests are queued so answers never interleave. */
  const ask = <T>(op: string): Promise<T> => {
    const answer = queue.then(() => {
      child.stdin.write(`${JSON.stringify({ op })}\n`);
      return nextLine<T>();
    });
    queue = answer.catch(() => undefined);
    return answer;
  };

  const { port } = await nextLine<{ port: number }>();
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hook`,
    pid: child.pid,
    stats: () => ask<ReceiverStats>('stats'),
    reset: async () => {
      await ask('reset');
    },
    arrivals: async () => (await ask<{ arrivals: Array<[number, number]> }>('arrivals')).arrivals,
    fail: async () => {
      await ask('fail');
    },
    recover: async () => {
      await ask('recover');
    },
    async waitForCount(count, { timeoutMs = 120_000, stallMs = 20_000 } = {}) {
      const started = Date.now();
      let stats = await receiver.stats();
      let lastProgress = Date.now();
      let lastCount = stats.count;
      while (stats.count < count && Date.now() - started < timeoutMs && Date.now() - lastProgress < stallMs) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        stats = await receiver.stats();
        if (stats.count !== lastCount) {
          lastCount = stats.count;
          lastProgress = Date.now();
        }
      }
      return stats;
    },
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return receiver;
}
