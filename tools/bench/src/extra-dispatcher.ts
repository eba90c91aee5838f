import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { appCommandArgs, mallocEnvironment } from '@validity/stack';
import type { BenchStack } from './bench-stack';

const repoRoot = join(__dirname, '..', '..', '..');

/**
 * A second dispatcher instance on the bench stack (same schema and consumer group, so the two split the
 * partitions), started from the built main.js as `npm start` starts the first (the bench stack built it),
 * on `port`.
 */
export async function startExtraDispatcher(
  stack: BenchStack,
  port: number,
): Promise<{ stop(): Promise<void> }> {
  const child = spawn(process.execPath, appCommandArgs('dispatcher', 'built'), {
    cwd: repoRoot,
    env: {
      ...mallocEnvironment('dispatcher'),
      ...process.env,
      KAFKA_BROKERS: stack.kafkaBrokers,
      DATABASE_URL: stack.databaseUrl,
      ADMIN_TOKEN: stack.adminToken,
      INTERNAL_TOPIC_HMAC_KEY: stack.internalTopicHmacKey,
      DISPATCHER_PORT: String(port),
      LOG_LEVEL: 'warn',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error('the second dispatcher exited during start-up');
    const health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    if (health?.ok) break;
    if (Date.now() - started > 180_000) {
      child.kill('SIGKILL');
      throw new Error('the second dispatcher was not healthy within 180 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
