/** Seconds of a webhook's rate its bucket holds at most: the largest burst, and the largest chunk. */
export const BURST_SECONDS = 0.1;

/** The most tokens one webhook's bucket holds (and one take grants): a tenth of a second's worth, at least 1. */
export function bucketCapacity(ratePerSecond: number): number {
  return Math.max(1, Math.ceil(ratePerSecond * BURST_SECONDS));
}

/**
 * The token buckets of `rate_limit_per_second`, shared by every dispatcher instance of the group: the
 * rate bucket store answers (wired in `deliveries.module.ts`).
 */
export interface TokenBuckets {
  /** Takes up to `wanted` tokens of the webhook's bucket now; returns how many it got (0 when empty). */
  take(webhookId: number, ratePerSecond: number, wanted: number): Promise<number>;
}
