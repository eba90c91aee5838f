import { monotonicNow } from '../scheduling/monotonic-clock';

/** How often in-flight requests are checked against their deadlines: a timeout fires this much late at most. */
const TICK_MS = 100;

/** One request's deadline; `at` is on the `now` clock the deadlines were built with. */
export class Deadline {
  constructor(
    private readonly pending: Set<Deadline>,
    readonly at: number,
    readonly onTimeout: () => void,
  ) {}

  /** The request ended: it no longer times out. */
  done(): void {
    this.pending.delete(this);
  }
}

/**
 * Ends requests that run past their timeout with one coarse timer for all of them. A timer, or an
 * AbortController and its listeners, per request was a visible share of a delivery's CPU; here a
 * request costs a set entry, and one timer ticks while any is in flight. The whole attempt must end
 * inside its claim's lease (timeout + a 10 s margin), so the total deadline stays: undici's
 * `headersTimeout`/`bodyTimeout` bound each phase, not their sum.
 */
export class RequestDeadlines {
  private readonly pending = new Set<Deadline>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = monotonicNow) {}

  /** Calls `onTimeout` once `timeoutMs` from now unless `done` was called first. */
  start(timeoutMs: number, onTimeout: () => void): Deadline {
    const deadline = new Deadline(this.pending, this.now() + timeoutMs, onTimeout);
    this.pending.add(deadline);
    this.timer ??= setInterval(() => this.tick(), TICK_MS).unref();
    return deadline;
  }

  private tick(): void {
    const now = this.now();
    for (const deadline of this.pending) {
      if (deadline.at > now) continue;
      this.pending.delete(deadline);
      deadline.onTimeout();
    }
    if (this.pending.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
