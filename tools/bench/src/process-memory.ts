import { readdir, readFile, readlink } from 'node:fs/promises';

/**
 * The process listening on a local TCP port (Linux `/proc`): how the benchmark finds a service's process
 * without trusting names, since other stacks may run the same apps at the same time.
 */
export async function pidListeningOn(port: number): Promise<number> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = (await readFile(table, 'utf8').catch(() => '')).trim().split('\n').slice(1);
    for (const line of lines) {
      const [, local, , state, , , , , , inode] = line.trim().split(/\s+/);
      const LISTEN = '0A';
      if (state === LISTEN && Number.parseInt(local.split(':')[1], 16) === port) inodes.add(inode);
    }
  }
  for (const pid of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const socket = /^socket:\[(\d+)\]$/.exec(target);
      if (socket && inodes.has(socket[1])) return Number(pid);
    }
  }
  throw new Error(`no process listens on port ${port}`);
}

/** Resident set size of a process, in bytes. */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!kib) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib[1]) * 1024;
}

/** Samples a process's RSS every `intervalMs` until stopped; `stop()` returns the peak seen. */
export function sampleResidentPeak(pid: number, intervalMs = 10): { stop(): Promise<number> } {
  let peak = 0;
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(async () => {
      peak = Math.max(peak, await residentBytes(pid));
    });
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      return Math.max(peak, await residentBytes(pid));
    },
  };
}

/**
 * CPU time a process has used so far (user + system, Linux `/proc/<pid>/stat`), in microseconds. The
 * clock-tick unit is 100 Hz on every Linux the bench runs on (`getconf CLK_TCK`), so the resolution is
 * 10 ms: read it around thousands of deliveries, not one.
 */
export async function cpuMicros(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const USER_TICKS = 11;
  const SYSTEM_TICKS = 12;
  const ticks = Number(fields[USER_TICKS]) + Number(fields[SYSTEM_TICKS]);
  return ticks * (1_000_000 / CLOCK_TICKS_PER_SECOND);
}

const CLOCK_TICKS_PER_SECOND = 100;
