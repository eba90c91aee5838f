/**
 * The burst whose `key` is the median of `bursts` (the lower middle one of an even count): a whole
 * observed burst, so every figure reported beside its rate comes from the same burst.
 */
export function medianBurst<T>(bursts: readonly T[], key: (burst: T) => number): T {
  if (bursts.length === 0) throw new RangeError('median of no bursts');
  const sorted = [...bursts].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
