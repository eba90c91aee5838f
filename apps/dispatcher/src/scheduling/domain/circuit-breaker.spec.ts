import { CircuitBreaker } from './circuit-breaker';

const POLICY = { failureThreshold: 3, baseCooldownMs: 1_000, maxCooldownMs: 3_000 };

function failTimes(breaker: CircuitBreaker, times: number, now: number): void {
  for (let i = 0; i < times; i += 1) breaker.recordFailure(now);
}

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold, with the full capacity', () => {
    const breaker = new CircuitBreaker(POLICY);
    failTimes(breaker, 2, 0);
    expect(breaker.state(0)).toBe('closed');
    expect(breaker.capacity(0, 10)).toBe(10);
  });

  it('opens at the threshold, then lets exactly one probe through after the cooldown', () => {
    const breaker = new CircuitBreaker(POLICY);
    failTimes(breaker, 3, 0);
    expect([breaker.state(999), breaker.capacity(999, 10)]).toEqual(['open', 0]);
    expect([breaker.state(1_000), breaker.capacity(1_000, 10)]).toEqual(['half-open', 1]);
  });

  it('closes on a successful probe', () => {
    const breaker = new CircuitBreaker(POLICY);
    failTimes(breaker, 3, 0);
    breaker.recordSuccess();
    expect(breaker.capacity(1_000, 10)).toBe(10);
  });

  it('doubles the cooldown on each failed probe, up to the maximum', () => {
    const breaker = new CircuitBreaker(POLICY);
    failTimes(breaker, 3, 0);
    breaker.recordFailure(1_000);
    expect(breaker.state(2_999)).toBe('open');
    expect(breaker.state(3_000)).toBe('half-open');
    breaker.recordFailure(3_000);
    breaker.recordFailure(6_000);
    expect(breaker.state(8_999)).toBe('open');
    expect(breaker.state(9_000)).toBe('half-open');
  });

  it('does not stretch the cooldown for failures reported while already open', () => {
    const breaker = new CircuitBreaker(POLICY);
    failTimes(breaker, 3, 0);
    failTimes(breaker, 7, 500);
    expect(breaker.state(1_000)).toBe('half-open');
  });

  it('opens until the time a throttling receiver asked for', () => {
    const breaker = new CircuitBreaker(POLICY);
    breaker.throttle(5_000);
    expect(breaker.state(4_999)).toBe('open');
    expect(breaker.capacity(5_000, 10)).toBe(10);
  });
});
