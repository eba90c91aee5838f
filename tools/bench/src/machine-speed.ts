import { createHash } from 'node:crypto';

const ITEMS = Array.from({ length: 200 }, (_, id) => ({
  id,
  name: `device-${'x'.repeat(20)}${id}`,
  value: id * 1.5,
}));
const ROUNDS = 3_000;

/**
 * CPU milliseconds this process needs for one fixed piece of work (JSON of a 200-object array, parsed
 * back, and its SHA-256, 3,000 times): the same work every run, so it reads how fast the machine's cores
 * were, not the code. On a shared machine the same code's absolute rates follow this reading (it read
 * 374-814 ms within one session in 2026-12), so every run writes it beside its results.
 */
export function fixedCpuWorkMs(): number {
  // Untimed first: the first call's JIT compilation alone read 600 against 465 ms right after.
  work(ROUNDS / 10);
  const before = process.cpuUsage();
  work(ROUNDS);
  const used = process.cpuUsage(before);
  return Math.round((used.user + used.system) / 1000);
}

function work(rounds: number): void {
  let parsed = 0;
  for (let round = 0; round < rounds; round += 1) {
    const text = JSON.stringify(ITEMS);
    parsed += (JSON.parse(text) as unknown[]).length;
    createHash('sha256').update(text).digest();
  }
  if (parsed !== rounds * ITEMS.length) throw new Error('the fixed work parsed a different array');
}
