export interface WakeLoopOptions {
  /**
   * One pass of the work. Wake-ups that arrive while it runs are coalesced into exactly one more pass
   * right after it. A pass that returns `true` asks for another one at once (there is more to do).
   */
  pass: () => Promise<boolean | void>;
  /** Wakes the loop on this period as well (a fallback for signals that can be missed); none if unset. */
  intervalMs?: number;
  /** After a failed pass the loop waits this long before it tries again by itself. Default 1 s. */
  retryAfterMs?: number;
  /** Told about each failed pass; the loop itself never throws. */
  onError: (error: unknown) => void;
}

/**
 * "Wake and coalesce": the one way background work runs in this codebase (outbox relays, claim loops,
 * batched writers, dead-letter publishers). Anyone may call `wake()` as often as they like; at most one
 * pass runs at a time, a wake during a pass buys exactly one more pass (never one per call), and
 * `stop()` waits for the pass in progress. This replaces a hand-rolled `running`/`again` flag pair per
 * class, each with its own subtle bugs around errors and shutdown.
 */
export class WakeLoop {
  private current: Promise<void> | undefined;
  private again = false;
  private started = false;
  private interval: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly options: WakeLoopOptions) {}

  /** Starts waking (and the periodic wake, if any) and runs a first pass. */
  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.options.intervalMs !== undefined) {
      this.interval = setInterval(() => this.wake(), this.options.intervalMs);
      this.interval.unref();
    }
    this.wake();
  }

  /** Runs a pass now, or one more right after the pass in progress. Ignored before `start`/after `stop`. */
  wake(): void {
    if (!this.started) return;
    if (this.current) {
      this.again = true;
      return;
    }
    this.current = this.runPasses().finally(() => (this.current = undefined));
  }

  /** True while a pass runs. */
  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Resolves once no pass runs and none is asked for. */
  async settled(): Promise<void> {
    while (this.current) await this.current;
  }

  /** Stops waking; waits for the pass in progress (and the one it asked for, if `finish` is set). */
  async stop(options: { finish?: boolean } = {}): Promise<void> {
    if (!options.finish) this.started = false;
    clearInterval(this.interval);
    clearTimeout(this.retry);
    await this.settled();
    this.started = false;
  }

  private async runPasses(): Promise<void> {
    do {
      this.again = false;
      try {
        if (await this.options.pass()) this.again = true;
      } catch (error) {
        this.options.onError(error);
        this.scheduleRetry();
        return;
      }
    } while (this.again && this.started);
  }

  private scheduleRetry(): void {
    if (!this.started) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.wake(), this.options.retryAfterMs ?? 1_000);
    this.retry.unref();
  }
}
