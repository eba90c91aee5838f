import { DeliveryLanes } from './delivery-lanes';

const POLICY = { failureThreshold: 2, baseCooldownMs: 1_000, maxCooldownMs: 1_000 };

describe('DeliveryLanes', () => {
  it('caps the requests in flight to one webhook without limiting another', () => {
    const lanes = new DeliveryLanes({ total: 100, perWebhook: 3 });
    expect(lanes.acquire(1, 5)).toBe(3);
    expect(lanes.acquire(1, 1)).toBe(0);
    expect(lanes.acquire(2, 2)).toBe(2);
    expect(lanes.acquire(2, 1)).toBe(1);
  });

  it('caps the requests in flight over all webhooks', () => {
    const lanes = new DeliveryLanes({ total: 4, perWebhook: 3 });
    expect(lanes.acquire(1, 3)).toBe(3);
    expect(lanes.acquire(2, 3)).toBe(1);
    expect(lanes.inFlight()).toBe(4);
    lanes.release(2, 1);
    expect(lanes.acquire(3, 3)).toBe(1);
  });

  it('frees a slot when a request finishes', () => {
    const lanes = new DeliveryLanes({ total: 10, perWebhook: 1 });
    lanes.acquire(1, 1);
    lanes.finish(1, { kind: 'success' });
    expect(lanes.acquire(1, 1)).toBe(1);
  });

  it('grants nothing to a webhook whose circuit opened, then one probe after the cooldown', () => {
    let now = 0;
    const lanes = new DeliveryLanes({ total: 10, perWebhook: 5 }, () => now, POLICY);
    lanes.acquire(1, 2);
    lanes.finish(1, { kind: 'failure' });
    lanes.finish(1, { kind: 'failure' });
    expect(lanes.openCircuits()).toBe(1);
    expect(lanes.acquire(1, 5)).toBe(0);
    expect(lanes.acquire(2, 5)).toBe(5);
    now = 1_000;
    expect(lanes.acquire(1, 5)).toBe(1);
  });

  it('pauses a throttling webhook until the time it asked for', () => {
    let now = 0;
    const lanes = new DeliveryLanes({ total: 10, perWebhook: 5 }, () => now, POLICY);
    lanes.acquire(1, 1);
    lanes.finish(1, { kind: 'throttled', until: 30_000 });
    now = 29_999;
    expect(lanes.acquire(1, 5)).toBe(0);
    now = 30_000;
    expect(lanes.acquire(1, 5)).toBe(5);
  });
});
