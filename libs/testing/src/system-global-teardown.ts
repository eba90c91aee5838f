import globalTeardown from './global-teardown';

/** Stops the shared system stack, then the run's Kafka and PostgreSQL. */
export default async function systemGlobalTeardown(): Promise<void> {
  const stack = globalThis.validitySystemStack;
  globalThis.validitySystemStack = undefined;
  if (stack) await (await stack).stop();
  await globalTeardown();
}
