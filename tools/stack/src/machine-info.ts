import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';

/**
 * The commit the measuring process started from (`+changes` when tracked code outside `docs/` differed):
 * taken at load, because a run lasts long enough for the checkout to move on under it.
 */
const STARTED_AT_COMMIT = ((): string => {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8' }).trim();
  try {
    const changed = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!docs') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${changed ? '+changes' : ''}`;
  } catch {
    return 'unknown';
  }
})();

/** Where the numbers were measured (benchmarks, fault runs), written next to them. */
export function machineInfo(versions: { kafka: string; postgres: string }): Record<string, string | number> {
  const processors = cpus();
  return {
    commit: STARTED_AT_COMMIT,
    cpus: processors.length,
    cpu_model: processors[0]?.model ?? 'unknown',
    memory_gib: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    kafka: versions.kafka,
    postgres: versions.postgres,
  };
}
