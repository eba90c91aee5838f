import { spawnSync } from 'node:child_process';

/**
 * Runs a Python client script with Debian's interpreter (where python3-pynetbox and python3-kafka live),
 * or with `python` (a venv's, for a pinned client such as pynetbox 7.8), and returns the JSON it printed
 * on its last line.
 */
export function runPythonClient<T>(
  script: string,
  env: Record<string, string>,
  python = '/usr/bin/python3',
): T {
  const result = spawnSync(python, [script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`${script} failed (exit ${result.status}):\n${result.stderr}\n${result.stdout}`);
  }
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}
