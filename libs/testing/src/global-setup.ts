import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureDebianPackages } from './debian-packages';

const repoRoot = join(__dirname, '..', '..', '..');

declare global {
  var validityTestInfrastructure: Promise<ChildProcess> | undefined;
}

/**
 * Starts one real Kafka broker and one real PostgreSQL for the whole Jest run (every tier shares them),
 * unless KAFKA_BROKERS / DATABASE_URL point at existing ones. They run in a child process that owns them,
 * so Jest's module system never loads them. Tests isolate themselves by unique topic, group and schema
 * names, so a fresh data directory per run is enough.
 */
export default async function globalSetup(): Promise<void> {
  globalThis.validityTestInfrastructure ??= start();
  await globalThis.validityTestInfrastructure;
}

/**
 * Real outside clients the system tests drive: pynetbox (NetBox's Python client), kcat, and Chromium
 * for the console (driven by playwright-core; browsers cannot be downloaded at install time here).
 */
const CLIENT_PACKAGES = ['python3-pynetbox', 'kcat', 'chromium'];

function start(): Promise<ChildProcess> {
  ensureDebianPackages(CLIENT_PACKAGES, (line) => process.stderr.write(`[test-stack] ${line}\n`));
  rmSync(join(repoRoot, '.stack', 'test'), { recursive: true, force: true });
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/stack/src/serve-for-tests.ts'], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('test infrastructure not ready within 300 s')), 300_000);
    child.once('exit', (code) => reject(new Error(`test infrastructure exited early (${code})`)));
    // The ready line is the one JSON object with the connection settings; anything else is passed on.
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith('{"kafkaBrokers"')) {
        process.stderr.write(`[test-stack] ${line}\n`);
        return;
      }
      lines.removeAllListeners('line');
      clearTimeout(timer);
      const ready = JSON.parse(line) as { kafkaBrokers: string; databaseUrl: string; versions: object };
      process.env.KAFKA_BROKERS = ready.kafkaBrokers;
      process.env.DATABASE_URL = ready.databaseUrl;
      process.stderr.write(`[test-stack] ready: ${line}\n`);
      resolve(child);
    });
  });
}
