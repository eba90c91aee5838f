import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 100;

/**
 * Runs `work` while holding `lockDir` (mkdir is atomic, so of two processes only one creates it).
 * The holder writes its pid inside: a lock whose holder died (a test run killed mid-build) is taken over
 * instead of being waited on for ever.
 */
export async function withDirectoryLock<T>(lockDir: string, work: () => T | Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (holderIsGone(lockDir)) rmSync(lockDir, { recursive: true, force: true });
      else await sleep(POLL_MS);
    }
  }
  try {
    writeFileSync(join(lockDir, 'pid'), String(process.pid));
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function holderIsGone(lockDir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
  } catch {
    // Created but its pid not yet written: the holder is alive and about to write it.
    return false;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
