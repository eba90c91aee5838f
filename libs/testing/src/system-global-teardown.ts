import { readFileSync } from 'node:fs';
import globalTeardown from './global-teardown';

/**
 * Stops the shared system stack, then the run's Kafka and PostgreSQL; fails the run if anything else
 * joined the stack's consumer groups meanwhile. Every spec's own stack has its own broker: one on the
 * run's broker takes the same group names and, while it runs, partitions of this stack's events and
 * commands, which the specs then wait for in vain (a flaky failure far from its cause).
 */
export default async function systemGlobalTeardown(): Promise<void> {
  const stack = globalThis.validitySystemStack;
  globalThis.validitySystemStack = undefined;
  if (stack) await (await stack).stop();
  await globalTeardown();
  const logFile = process.env.SYSTEM_STACK_LOG;
  if (stack === undefined || logFile === undefined) return;
  const rebalances = readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.includes('The group is rebalancing'));
  if (rebalances.length > 0) {
    throw new Error(
      `another consumer joined the system stack's consumer groups (a spec's stack on the run's broker?):\n${rebalances.slice(0, 5).join('\n')}`,
    );
  }
}
