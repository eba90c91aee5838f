import { spawnSync } from 'node:child_process';

/**
 * Runs a Python client script with Debian's interpreter (where python3-pynetbox and python3-kafka live)
 * and returns the JSON it printed on its last line.
 */
export function runPythonClient<T>(script: string, env: Record<string, string>): T {
  const result = spawnSync('/usr/bin/python3', [script], {
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
