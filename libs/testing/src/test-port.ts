/**
 * A fixed test port moved by TEST_PORT_OFFSET, so two clones (or a developer's run beside CI) can run the
 * suites on one machine at the same time.
 */
export function testPort(base: number): number {
  return base + Number(process.env.TEST_PORT_OFFSET ?? 0);
}
