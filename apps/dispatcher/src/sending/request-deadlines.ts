import { monotonicNow } from '../scheduling/monotonic-clock';

/** How often in-flight requests are checked against their deadlines: a timeout fires this much late at most. */
const TICK_MS = 100;

interface Deadline {
  controller: AbortController;
  at: number;
}

/**
 * Aborts requests that run past their timeout with one coarse timer for all of them. `AbortSignal.timeout`
 * arms a timer and registers it for clean-up on every request, a visible share of a delivery's CPU;
 * here a request costs an AbortController and a set entry, and one timer ticks while any is in flight.
 * The whole attempt must end inside its claim's lease (timeout + a 10 s margin), so the total deadline
 * stays: undici's `headersTimeout`/`bodyTimeout` bound each phase, not their sum.
 */
export class RequestDeadlines {
  private readonly pending = new Set<Deadline>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = monotonicNow) {}

  /** A signal that aborts `timeoutMs` from now; call `done` when the request has ended. */
  start(timeoutMs: number): { signal: AbortSignal; done: () => void } {
    const deadline = { controller: new AbortController(), at: this.now() + timeoutMs };
    this.pending.add(deadline);
    this.timer ??= setInterval(() => this.tick(), TICK_MS).unref();
    return {
      signal: deadline.controller.signal,
      done: () => {
        this.pending.delete(deadline);
      },
    };
  }

  private tick(): void {
    const now = this.now();
    for (const deadline of this.pending) {
      if (deadline.at > now) continue;
      this.pending.delete(deadline);
      deadline.controller.abort(new DOMException('the request timed out', 'TimeoutError'));
    }
    if (this.pending.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
