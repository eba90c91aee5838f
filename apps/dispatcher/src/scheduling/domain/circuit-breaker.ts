export interface CircuitBreakerPolicy {
  /** Consecutive failed attempts that open the circuit. */
  failureThreshold: number;
  /** How long the first opening lasts; each further trip without a success in between doubles it. */
  baseCooldownMs: number;
  maxCooldownMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER_POLICY: CircuitBreakerPolicy = {
  failureThreshold: 5,
  baseCooldownMs: 10_000,
  maxCooldownMs: 300_000,
};

export type CircuitState = 'closed' | 'open' | 'half-open';

/** A circuit as the API shows it. */
export interface CircuitSnapshot {
  state: CircuitState;
  consecutiveFailures: number;
  /** While open: when the next probe may go (epoch ms); otherwise null. */
  openUntil: number | null;
}

/**
 * One receiver's circuit. While it is open nothing is sent to that receiver: its deliveries wait in the
 * schedule instead of holding request slots and connections, so a dead receiver costs the others
 * nothing. After the cooldown one probe goes out (half-open); a success closes the circuit, a failure
 * opens it again for twice as long. A receiver that throttles (429/503) opens it until the time it
 * asked for.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private trips = 0;
  private openUntil = 0;

  constructor(private readonly policy: CircuitBreakerPolicy = DEFAULT_CIRCUIT_BREAKER_POLICY) {}

  state(now: number): CircuitState {
    if (now < this.openUntil) return 'open';
    return this.consecutiveFailures >= this.policy.failureThreshold ? 'half-open' : 'closed';
  }

  snapshot(now: number): CircuitSnapshot {
    const state = this.state(now);
    return {
      state,
      consecutiveFailures: this.consecutiveFailures,
      openUntil: state === 'open' ? this.openUntil : null,
    };
  }

  /** Requests that may be in flight at `now`: all of `limit` when closed, one probe when half-open. */
  capacity(now: number, limit: number): number {
    switch (this.state(now)) {
      case 'closed':
        return limit;
      case 'half-open':
        return 1;
      case 'open':
        return 0;
    }
  }

  recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.trips = 0;
    this.openUntil = 0;
  }

  recordFailure(now: number): void {
    this.consecutiveFailures += 1;
    // Requests already in flight when the circuit opened report their failures late; they must not
    // stretch the cooldown they were already counted in.
    if (now < this.openUntil || this.consecutiveFailures < this.policy.failureThreshold) return;
    this.trips += 1;
    const cooldown = this.policy.baseCooldownMs * 2 ** (this.trips - 1);
    this.openUntil = now + Math.min(cooldown, this.policy.maxCooldownMs);
  }

  /** The receiver asked for a pause (429/503 with or without `Retry-After`). */
  throttle(until: number): void {
    this.openUntil = Math.max(this.openUntil, until);
  }
}
