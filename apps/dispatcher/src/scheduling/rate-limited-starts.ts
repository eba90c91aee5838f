import { bucketCapacity, type TokenBuckets } from './domain/token-buckets';

/**
 * The engine's side of `rate_limit_per_second`: at most one token request per webhook at a time, and
 * when the shared bucket is empty, one timer that tries again when the next token is due (1/rate).
 * The engine decides what the tokens start (`start` returns how many claims it started).
 */
export class RateLimitedStarts {
  private readonly taking = new Set<number>();
  private readonly timers = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly buckets: TokenBuckets,
    private readonly pumpAgain: (webhookId: number) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Whether the webhook waits for tokens (a request or a timer): its pump has nothing to do meanwhile. */
  isTaking(webhookId: number): boolean {
    return this.taking.has(webhookId) || this.timers.has(webhookId);
  }

  /** The most tokens one request asks for: the bucket's capacity. */
  chunk(ratePerSecond: number): number {
    return bucketCapacity(ratePerSecond);
  }

  take(webhookId: number, ratePerSecond: number, wanted: number, start: (granted: number) => number): void {
    this.taking.add(webhookId);
    this.buckets.take(webhookId, ratePerSecond, wanted).then(
      (granted) => {
        this.taking.delete(webhookId);
        const started = start(granted);
        if (granted < wanted) this.later(webhookId, 1000 / ratePerSecond);
        // Tokens were plenty: more slots may be free, so ask again at once (the bucket bounds the pace).
        else if (started === wanted) setImmediate(() => this.pumpAgain(webhookId));
      },
      (error: unknown) => {
        this.taking.delete(webhookId);
        start(0);
        this.onError(error);
        this.later(webhookId, 1000);
      },
    );
  }

  private later(webhookId: number, delayMs: number): void {
    if (this.timers.has(webhookId)) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(webhookId);
        this.pumpAgain(webhookId);
      },
      Math.max(10, delayMs),
    );
    timer.unref();
    this.timers.set(webhookId, timer);
  }
}
