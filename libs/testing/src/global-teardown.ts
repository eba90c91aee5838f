/** Stops the test infrastructure once, after every tier that used it has finished. */
export default async function globalTeardown(): Promise<void> {
  // The system tier's stack runs on this infrastructure; its teardown stops both, in order.
  if (globalThis.validitySystemStack) return;
  const starting = globalThis.validityTestInfrastructure;
  globalThis.validityTestInfrastructure = undefined;
  if (!starting) return;
  const child = await starting;
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
