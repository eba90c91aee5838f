import { spawnSync } from 'node:child_process';

/**
 * Installs Debian packages the real-client tests use (python3-pynetbox, kcat, ...) when missing, so a
 * fresh machine needs no manual step. Needs root (CI and our machines run as root).
 */
export function ensureDebianPackages(packages: readonly string[], log: (line: string) => void): void {
  const missing = packages.filter(
    (name) => spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status !== 0,
  );
  if (missing.length === 0) return;
  log(`installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}
