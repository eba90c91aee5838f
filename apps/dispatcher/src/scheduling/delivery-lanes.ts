import { CircuitBreaker, type CircuitBreakerPolicy, type CircuitSnapshot } from './domain/circuit-breaker';
import { monotonicNow } from './monotonic-clock';

export interface LaneLimits {
  /** Requests in flight over all webhooks. */
  total: number;
  /** Requests in flight to one webhook. */
  perWebhook: number;
}

export type AttemptResult =
  | { kind: 'success' }
  | { kind: 'failure' }
  /** 429/503: the receiver asked for a pause until `until` (epoch ms). */
  | { kind: 'throttled'; until: number };

interface Lane {
  busy: number;
  breaker: CircuitBreaker;
}

/**
 * The in-process request slots, one lane per webhook. Work for a webhook starts only when its lane has a
 * free slot and its circuit allows it; everything else waits in the durable schedule. So a slow receiver
 * holds at most `perWebhook` slots and a failing one none, and the other webhooks keep flowing.
 */
export class DeliveryLanes {
  private readonly lanes = new Map<number, Lane>();
  private totalBusy = 0;

  constructor(
    private readonly limits: LaneLimits,
    private readonly now: () => number = monotonicNow,
    private readonly breakerPolicy?: CircuitBreakerPolicy,
  ) {}

  /** Takes up to `wanted` slots for the webhook; returns how many it got. */
  acquire(webhookId: number, wanted: number): number {
    const lane = this.lane(webhookId);
    const free = Math.min(
      lane.breaker.capacity(this.now(), this.limits.perWebhook) - lane.busy,
      this.limits.total - this.totalBusy,
    );
    const granted = Math.max(0, Math.min(wanted, free));
    lane.busy += granted;
    this.totalBusy += granted;
    return granted;
  }

  /** Gives back slots that were acquired but not used. */
  release(webhookId: number, count: number): void {
    const lane = this.lane(webhookId);
    lane.busy -= count;
    this.totalBusy -= count;
  }

  /** Ends one request: frees its slot and tells the webhook's circuit how it went. */
  finish(webhookId: number, result: AttemptResult): void {
    this.release(webhookId, 1);
    const { breaker } = this.lane(webhookId);
    switch (result.kind) {
      case 'success':
        breaker.recordSuccess();
        break;
      case 'failure':
        breaker.recordFailure(this.now());
        break;
      case 'throttled':
        breaker.recordFailure(this.now());
        breaker.throttle(result.until);
        break;
    }
  }

  inFlight(): number {
    return this.totalBusy;
  }

  /** Requests in flight to one webhook. */
  busy(webhookId: number): number {
    return this.lanes.get(webhookId)?.busy ?? 0;
  }

  /** Whether every slot over all webhooks is taken. */
  full(): boolean {
    return this.totalBusy >= this.limits.total;
  }

  /** Requests the webhook's circuit allows in flight now (0 while open, 1 while half-open). */
  capacity(webhookId: number): number {
    return this.lane(webhookId).breaker.capacity(this.now(), this.limits.perWebhook);
  }

  /** The webhook's circuit now; a webhook never attempted here is closed. */
  circuit(webhookId: number): CircuitSnapshot {
    const lane = this.lanes.get(webhookId);
    return lane
      ? lane.breaker.snapshot(this.now())
      : { state: 'closed', consecutiveFailures: 0, openUntil: null };
  }

  /** Webhooks whose circuit is open now. */
  openCircuits(): number {
    const now = this.now();
    return [...this.lanes.values()].filter((lane) => lane.breaker.state(now) === 'open').length;
  }

  /** Whether the webhook has a lane (its slots in use and its circuit). */
  has(webhookId: number): boolean {
    return this.lanes.has(webhookId);
  }

  /** Drops the lane of a webhook that no longer exists (once nothing is in flight to it). */
  forget(webhookId: number): void {
    if (this.lanes.get(webhookId)?.busy === 0) this.lanes.delete(webhookId);
  }

  private lane(webhookId: number): Lane {
    let lane = this.lanes.get(webhookId);
    if (!lane) {
      lane = { busy: 0, breaker: new CircuitBreaker(this.breakerPolicy) };
      this.lanes.set(webhookId, lane);
    }
    return lane;
  }
}
