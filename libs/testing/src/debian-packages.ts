import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';

/**
 * Installs Debian packages the real-client tests use (python3-pynetbox, kcat, ...) when missing, so a
 * fresh machine needs no manual step.
 */
export function ensureDebianPackages(packages: readonly string[], log: (line: string) => void): void {
  const missing = packages.filter(
    (name) => spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status !== 0,
  );
  if (missing.length === 0) return;
  const asRoot = userInfo().uid === 0;
  const plan = debianInstallPlan(missing, {
    asRoot,
    passwordlessSudo: !asRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
  });
  if ('refusal' in plan) throw new Error(plan.refusal);
  log(`installing Debian packages: ${missing.join(' ')}`);
  for (const command of plan.commands) run(command);
}

/**
 * How this user can install `missing`: as root directly, as another user through `sudo -n` (a password
 * prompt would hang a test run, so only where sudo asks for none). Where neither can, a refusal that
 * gives the one command to run.
 */
export function debianInstallPlan(
  missing: readonly string[],
  user: { asRoot: boolean; passwordlessSudo: boolean },
): { commands: string[][] } | { refusal: string } {
  const update = ['apt-get', 'update', '-qq'];
  const install = ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing];
  if (user.asRoot) return { commands: [update, install] };
  if (user.passwordlessSudo)
    return { commands: [update, install].map((command) => ['sudo', '-n', ...command]) };
  return {
    refusal:
      `The tests need the Debian packages ${missing.join(' ')}; install them once with:\n` +
      `  sudo ${update.join(' ')} && sudo ${install.join(' ')}`,
  };
}

function run([command, ...args]: string[]): void {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}
