// Plain JavaScript because it runs before any dependency exists: on a fresh clone (or after the lockfile
// changed) it installs exactly what package-lock.json pins, so `npm start` and `npm test` work at once.
const { spawn } = require('node:child_process');
const { existsSync, lstatSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const installedMarker = join(root, 'node_modules', '.package-lock.json');
const lockfile = join(root, 'package-lock.json');
// `npm ci` prints nothing for minutes on a fresh machine (no progress bar without a terminal).
const HEARTBEAT_MS = 10_000;

const upToDate =
  existsSync(installedMarker) && statSync(installedMarker).mtimeMs >= statSync(lockfile).mtimeMs;
// A second checkout (a git worktree) often links another checkout's node_modules: `npm ci` there would
// empty the other checkout's install under whatever it is running. Its owner keeps it up to date.
const linked =
  existsSync(join(root, 'node_modules')) && lstatSync(join(root, 'node_modules')).isSymbolicLink();
if (!upToDate && linked) {
  process.stdout.write("node_modules links to another checkout's install: not reinstalling it here.\n");
} else if (!upToDate) {
  const started = Date.now();
  process.stdout.write('Installing npm dependencies (npm ci, a few minutes on a fresh machine)...\n');
  const heartbeat = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    process.stdout.write(`  still installing npm dependencies (${seconds} s)...\n`);
  }, HEARTBEAT_MS);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const child = spawn(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  child.once('error', (error) => {
    clearInterval(heartbeat);
    process.stderr.write(`Cannot run npm: ${error.message}\n`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => {
    clearInterval(heartbeat);
    if (code !== 0) process.exit(code ?? 1);
    const seconds = Math.round((Date.now() - started) / 1000);
    process.stdout.write(`Installed npm dependencies in ${seconds} s${signal ? ` (${signal})` : ''}.\n`);
  });
}
