import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from './percentile';

/**
 * Each CPU reading is the median of this many: the same work read 383-696 ms within six seconds
 * (2026-12), so one sample says little.
 */
const SAMPLES = 5;

/**
 * How fast the machine was at one moment; written beside every run's results. The code measured never
 * changes, so these read the machine, not the product.
 */
export interface MachineSpeed {
  /** `fixedCpuWorkMs` in one process with the other core idle (median of `SAMPLES`). */
  fixed_cpu_work_ms: number;
  /**
   * The same in two processes at once, the slower of the two (median of `SAMPLES`): the stack keeps both
   * cores busy, and on this machine the two need not be as fast as one alone (2026-12: 383 and 553 ms at
   * once, 401 alone).
   */
  fixed_cpu_work_ms_two_at_once: number;
  /** CPU µs per loopback message that wakes a sleeping process (`wakeUpCostMicros`). */
  wake_up_cpu_us_paced: number;
  /** CPU µs per loopback message to a process that is kept busy. */
  wake_up_cpu_us_back_to_back: number;
}

export async function machineSpeed(): Promise<MachineSpeed> {
  const [first, second] = await Promise.all([ProbeProcess.start(), ProbeProcess.start()]);
  try {
    const alone: number[] = [];
    const together: number[] = [];
    for (let sample = 0; sample < SAMPLES; sample += 1) {
      alone.push(await first.fixedWorkMs());
      together.push(Math.max(...(await Promise.all([first.fixedWorkMs(), second.fixedWorkMs()]))));
    }
    const wakeUp = await wakeUpCostMicros(first);
    return {
      fixed_cpu_work_ms: percentile(alone, 50),
      fixed_cpu_work_ms_two_at_once: percentile(together, 50),
      wake_up_cpu_us_paced: wakeUp.paced,
      wake_up_cpu_us_back_to_back: wakeUp.backToBack,
    };
  } finally {
    first.stop();
    second.stop();
  }
}

const ITEMS = Array.from({ length: 200 }, (_, id) => ({
  id,
  name: `device-${'x'.repeat(20)}${id}`,
  value: id * 1.5,
}));
const ROUNDS = 3_000;
let warmedUp = false;

/**
 * CPU milliseconds this process needs for one fixed piece of work (JSON of a 200-object array, parsed
 * back, and its SHA-256, 3,000 times). On the shared machine it read 374-814 ms within one session
 * (2026-12), and the same code's absolute rates moved with it.
 */
export function fixedCpuWorkMs(): number {
  // Untimed once per process: the first call's JIT compilation alone read 600 against 465 ms right after.
  if (!warmedUp) {
    work(ROUNDS / 10);
    warmedUp = true;
  }
  const before = process.cpuUsage();
  work(ROUNDS);
  const used = process.cpuUsage(before);
  return Math.round((used.user + used.system) / 1000);
}

function work(rounds: number): void {
  let parsed = 0;
  for (let round = 0; round < rounds; round += 1) {
    const text = JSON.stringify(ITEMS);
    parsed += (JSON.parse(text) as unknown[]).length;
    createHash('sha256').update(text).digest();
  }
  if (parsed !== rounds * ITEMS.length) throw new Error('the fixed work parsed a different array');
}

/**
 * CPU microseconds the probe process spends per 200-byte message it echoes over loopback TCP: with a
 * message every 5 ms, so it sleeps between them and each message wakes it, and back to back. On this
 * kind of virtual machine waking a sleeping process costs far more than the message (2026-12: 79-167 µs
 * against 14-22), and at 200 runs/s (`latency`) every process a run crosses sleeps between runs.
 */
async function wakeUpCostMicros(probe: ProbeProcess): Promise<{ paced: number; backToBack: number }> {
  const socket = connect(probe.port, '127.0.0.1');
  socket.setNoDelay(true);
  try {
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const message = Buffer.alloc(200, 1);
    const roundTrip = () =>
      new Promise((resolve) => {
        socket.once('data', resolve);
        socket.write(message);
      });
    const perMessage = async (count: number, gapMs: number): Promise<number> => {
      const before = await probe.cpuMicros();
      for (let sent = 0; sent < count; sent += 1) {
        await roundTrip();
        if (gapMs > 0) await sleep(gapMs);
      }
      return Math.round(((await probe.cpuMicros()) - before) / count);
    };
    await perMessage(2_000, 0);
    return { paced: await perMessage(600, 5), backToBack: await perMessage(10_000, 0) };
  } finally {
    socket.destroy();
  }
}

/** `probe-process.ts`, one question at a time over its stdin and stdout. */
class ProbeProcess {
  private constructor(
    private readonly child: ReturnType<typeof spawn>,
    private readonly lines: AsyncIterator<string>,
    readonly port: number,
  ) {}

  static async start(): Promise<ProbeProcess> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'probe-process.ts')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const { port } = await nextAnswer<{ port: number }>(lines);
    return new ProbeProcess(child, lines, port);
  }

  async fixedWorkMs(): Promise<number> {
    this.child.stdin!.write('work\n');
    return (await nextAnswer<{ workMs: number }>(this.lines)).workMs;
  }

  async cpuMicros(): Promise<number> {
    this.child.stdin!.write('cpu\n');
    return (await nextAnswer<{ cpuMicros: number }>(this.lines)).cpuMicros;
  }

  /** It exits when its stdin closes. */
  stop(): void {
    this.child.stdin!.end();
  }
}

async function nextAnswer<T>(lines: AsyncIterator<string>): Promise<T> {
  const line = await lines.next();
  if (line.done) throw new Error('the probe process ended');
  return JSON.parse(line.value as string) as T;
}
