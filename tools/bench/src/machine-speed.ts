import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

/** How fast the machine was at one moment, in the readings below; written beside every run's results. */
export interface MachineSpeed {
  fixed_cpu_work_ms: number;
  wake_up_cpu_us_paced: number;
  wake_up_cpu_us_back_to_back: number;
}

export async function machineSpeed(): Promise<MachineSpeed> {
  const wakeUp = await wakeUpCostMicros();
  return {
    fixed_cpu_work_ms: fixedCpuWorkMs(),
    wake_up_cpu_us_paced: wakeUp.paced,
    wake_up_cpu_us_back_to_back: wakeUp.backToBack,
  };
}

const ITEMS = Array.from({ length: 200 }, (_, id) => ({
  id,
  name: `device-${'x'.repeat(20)}${id}`,
  value: id * 1.5,
}));
const ROUNDS = 3_000;

/**
 * CPU milliseconds this process needs for one fixed piece of work (JSON of a 200-object array, parsed
 * back, and its SHA-256, 3,000 times): the same work every run, so it reads how fast the machine's cores
 * were, not the code. On a shared machine the same code's absolute rates follow this reading (it read
 * 374-814 ms within one session in 2026-12), so every run writes it beside its results.
 */
function fixedCpuWorkMs(): number {
  // Untimed first: the first call's JIT compilation alone read 600 against 465 ms right after.
  work(ROUNDS / 10);
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
 * CPU microseconds a process spends per message it answers over loopback TCP (`echo-process.ts`): with a
 * message every 5 ms, so it sleeps between them and each message wakes it, and back to back. On this
 * kind of virtual machine waking a sleeping process costs far more than the message (2026-12: 79-167 µs
 * against 14-22), and at 200 runs/s (`latency`) every process a run crosses sleeps between runs.
 */
async function wakeUpCostMicros(): Promise<{ paced: number; backToBack: number }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'echo-process.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async <T>(): Promise<T> => {
    const line = await lines.next();
    if (line.done) throw new Error('the echo process ended');
    return JSON.parse(line.value) as T;
  };
  const echoCpu = async (): Promise<number> => {
    child.stdin.write('cpu\n');
    return (await nextLine<{ cpuMicros: number }>()).cpuMicros;
  };
  try {
    const { port } = await nextLine<{ port: number }>();
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const message = Buffer.alloc(200, 1);
    const roundTrip = () =>
      new Promise((resolve) => {
        socket.once('data', resolve);
        socket.write(message);
      });
    const perMessage = async (count: number, gapMs: number): Promise<number> => {
      const before = await echoCpu();
      for (let sent = 0; sent < count; sent += 1) {
        await roundTrip();
        if (gapMs > 0) await sleep(gapMs);
      }
      return Math.round(((await echoCpu()) - before) / count);
    };
    await perMessage(2_000, 0);
    const result = { paced: await perMessage(600, 5), backToBack: await perMessage(10_000, 0) };
    socket.destroy();
    return result;
  } finally {
    child.stdin.end();
  }
}
