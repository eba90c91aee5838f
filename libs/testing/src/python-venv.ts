import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A virtualenv with exactly the pinned requirements (e.g. schemathesis for the REST fuzz run), created
 * on first use and recreated when the requirements file changes. Returns the venv's bin directory.
 */
export function ensurePythonVenv(
  venvDir: string,
  requirementsFile: string,
  log: (line: string) => void,
): string {
  const requirements = readFileSync(requirementsFile, 'utf8');
  const fingerprint = createHash('sha256').update(requirements).digest('hex');
  const marker = join(venvDir, '.requirements-sha256');
  const bin = join(venvDir, 'bin');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === fingerprint) return bin;
  log(`creating ${venvDir} with ${requirements.trim().split('\n').join(', ')}`);
  run('python3', ['-m', 'venv', '--clear', venvDir]);
  run(join(bin, 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', requirementsFile]);
  writeFileSync(marker, fingerprint);
  return bin;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}
