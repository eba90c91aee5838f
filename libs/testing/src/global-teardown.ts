/** Stops the test infrastructure once, after every tier that used it has finished. */
export default async function globalTeardown(): Promise<void> {
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
