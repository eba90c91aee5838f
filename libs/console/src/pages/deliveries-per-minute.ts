export interface MinuteBucket {
  /** Start of the minute, ms since the epoch. */
  start: number;
  total: number;
  failures: number;
}

/**
 * Deliveries created in each of the last `minutes` minutes (oldest first), and how many of them have
 * failed or are retrying: what the overview's chart draws.
 */
export function deliveriesPerMinute(
  deliveries: ReadonlyArray<{ created: string; status: { value: string } }>,
  now: number,
  minutes = 60,
): MinuteBucket[] {
  const end = Math.floor(now / 60_000) * 60_000 + 60_000;
  const buckets = Array.from({ length: minutes }, (_, index) => ({
    start: end - (minutes - index) * 60_000,
    total: 0,
    failures: 0,
  }));
  for (const delivery of deliveries) {
    const index = minutes - Math.ceil((end - Date.parse(delivery.created)) / 60_000);
    const bucket = buckets[index];
    if (!bucket) continue;
    bucket.total += 1;
    if (delivery.status.value === 'failed' || delivery.status.value === 'retrying') bucket.failures += 1;
  }
  return buckets;
}
