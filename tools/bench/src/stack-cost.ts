import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { Client } from 'pg';
import type { BenchStack } from './bench-stack';
import { pidListeningOn } from './process-memory';

export interface StackCost {
  /** CPU time (user + system) of every stack process, including exited children, in milliseconds. */
  cpuMs: number;
  /** Transaction ids PostgreSQL handed out: the transactions that wrote something. */
  writeTransactions: number;
}

/**
 * What the whole stack spends on a piece of work: `measureStackCost(stack)` before, `.stop()` after,
 * the difference. The processes are found by their listening ports (services, Kafka, PostgreSQL's
 * postmaster), then their descendants (PostgreSQL's backends) through `/proc`; the benchmark itself and
 * its receiver are not counted.
 */
export async function measureStackCost(stack: BenchStack): Promise<{ stop(): Promise<StackCost> }> {
  const roots = [...new Set(await Promise.all(stack.processPorts.map((port) => pidListeningOn(port))))];
  const client = new Client({ connectionString: stack.databaseUrl });
  await client.connect();
  const before = { cpuMs: await treeCpuMs(roots), xid: await currentXid(client) };
  return {
    async stop() {
      const cpuMs = (await treeCpuMs(roots)) - before.cpuMs;
      // Each reading takes one id itself; the first one's is in the difference.
      const writeTransactions = (await currentXid(client)) - before.xid - 1;
      await client.end();
      return { cpuMs, writeTransactions };
    },
  };
}

/**
 * CPU time (ms, user + system, descendants included) of each named process tree over a piece of work:
 * `measureProcessCpu(trees)` before, `.stop()` after. Trees are given by their root pids (a service found
 * by its port; PostgreSQL's postmaster, whose backends are its children).
 */
export async function measureProcessCpu(
  trees: ReadonlyMap<string, number>,
): Promise<{ stop(): Promise<Map<string, number>> }> {
  const before = await cpuMsByTree(trees);
  return {
    async stop() {
      const after = await cpuMsByTree(trees);
      return new Map([...after].map(([name, ms]) => [name, ms - (before.get(name) ?? 0)]));
    },
  };
}

async function cpuMsByTree(trees: ReadonlyMap<string, number>): Promise<Map<string, number>> {
  const processes = await readProcesses();
  return new Map([...trees].map(([name, root]) => [name, sumTree(processes, [root])]));
}

async function currentXid(client: Client): Promise<number> {
  const { rows } = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
  return Number(rows[0].xid);
}

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** utime + stime + cutime + cstime of the roots and every live descendant (`/proc/<pid>/stat`). */
async function treeCpuMs(roots: readonly number[]): Promise<number> {
  return sumTree(await readProcesses(), roots);
}

interface ProcessTicks {
  pid: number;
  parent: number;
  ticks: number;
}

async function readProcesses(): Promise<ProcessTicks[]> {
  const processes: ProcessTicks[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.length < 15) continue;
    const [parent, utime, stime, cutime, cstime] = [1, 11, 12, 13, 14].map((index) => Number(fields[index]));
    processes.push({ pid: Number(entry), parent, ticks: utime + stime + cutime + cstime });
  }
  return processes;
}

function sumTree(processes: readonly ProcessTicks[], roots: readonly number[]): number {
  const inTree = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const process of processes) {
      if (!inTree.has(process.pid) && inTree.has(process.parent)) {
        inTree.add(process.pid);
        grew = true;
      }
    }
  }
  const ticks = processes.filter((process) => inTree.has(process.pid)).reduce((sum, p) => sum + p.ticks, 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}
