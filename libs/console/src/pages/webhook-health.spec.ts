import { percentile, webhookHealth } from './webhook-health';

const delivery = (status: string, attempt_count = 1) => ({ status: { value: status }, attempt_count });

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.95)).toBeNull();
  });
});

describe('webhookHealth', () => {
  it('counts attempts, rates finished deliveries only and reads the p95 of timed attempts', () => {
    const health = webhookHealth(
      [delivery('delivered', 1), delivery('failed', 3), delivery('delivered', 2), delivery('retrying', 2)],
      [
        { status_code: 200, duration_ms: 10 },
        { status_code: 500, duration_ms: 40 },
        { status_code: null, duration_ms: null },
      ],
    );
    expect(health).toEqual({
      deliveries: 4,
      attempts: 8,
      successRate: 2 / 3,
      p95Ms: 40,
      sampledAttempts: 2,
      circuit: null,
    });
  });

  it("has no rate and no p95 before anything finished, and shows the delivery-health endpoint's circuit", () => {
    const health = webhookHealth([delivery('pending', 0)], [], {
      circuit: { value: 'open', label: 'Open' },
      consecutive_failures: 5,
      circuit_open_until: '2026-12-02T10:00:10.000000Z',
      in_flight: 0,
      waiting: 1,
    });
    expect([health.successRate, health.p95Ms]).toEqual([null, null]);
    expect(health.circuit).toEqual({
      label: 'Open',
      tone: 'bad',
      consecutiveFailures: 5,
      openUntil: '2026-12-02T10:00:10.000000Z',
      inFlight: 0,
      waiting: 1,
    });
  });
});
