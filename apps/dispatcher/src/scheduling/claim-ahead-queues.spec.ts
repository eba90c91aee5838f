import { ClaimAheadQueues, type Claim } from './claim-ahead-queues';

const LIMITS = { minPerWebhook: 4, maxPerWebhook: 50, maxBytes: 1_000_000, aheadMs: 1_000 };

function claims(webhookId: number, count: number, bytes = 100): Array<Claim & { n: number }> {
  return Array.from({ length: count }, (_, n) => ({ webhookId, bytes, n }));
}

describe('ClaimAheadQueues', () => {
  it('hands out claims in order and hands back those past their send-by time instead of sending them', () => {
    let now = 1_000;
    const queues = new ClaimAheadQueues<Claim & { n: number }>(LIMITS, () => now);
    queues.push(claims(1, 2), 2_000);
    queues.push(
      claims(1, 1).map((claim) => ({ ...claim, n: 9 })),
      5_000,
    );
    const expired: Array<Claim & { n: number }> = [];
    expect(queues.take(1, expired)?.n).toBe(0);
    now = 2_000;
    expect(queues.take(1, expired)?.n).toBe(9);
    expect(expired.map((claim) => claim.n)).toEqual([1]);
    expect(queues.take(1, expired)).toBeUndefined();
    expect(queues.totalBytes()).toBe(0);
  });

  it('asks for a refill only once a queue is down to half its target, up to the target', () => {
    const queues = new ClaimAheadQueues(LIMITS, () => 0);
    expect(queues.room(1)).toBe(4);
    queues.push(claims(1, 4), 10_000);
    expect(queues.room(1)).toBe(0);
    queues.take(1, []);
    queues.take(1, []);
    expect(queues.room(1)).toBe(2);
  });

  it('counts places promised to claims being stored, so side-by-side intake batches cannot overfill a queue', () => {
    const queues = new ClaimAheadQueues(LIMITS, () => 0);
    expect(queues.reserve(1, 3)).toBe(3);
    expect(queues.reserve(1, 3)).toBe(0);
    queues.unreserve(1, 3);
    expect(queues.reserve(1, 10)).toBe(4);
  });

  it("sizes a queue to its webhook's recent sending rate, within the limits", () => {
    let now = 0;
    const queues = new ClaimAheadQueues(LIMITS, () => now);
    queues.push(claims(1, 30), 60_000);
    for (let index = 0; index < 30; index += 1) queues.take(1, []);
    now = 1_000;
    // 30 sends in the last second and a second of sending wanted: a target of 30.
    expect(queues.room(1)).toBe(30);
    now = 5_000;
    expect(queues.room(1)).toBe(4);
  });

  it('holds at most maxBytes of bodies over all queues', () => {
    const queues = new ClaimAheadQueues({ ...LIMITS, maxBytes: 10_000 }, () => 0);
    queues.push(claims(1, 4, 2_400), 10_000);
    queues.push(claims(2, 1, 400), 10_000);
    expect(queues.totalBytes()).toBe(10_000);
    expect(queues.room(3)).toBe(0);
  });

  it('drains one webhook, or every expired claim, for handing back', () => {
    let now = 0;
    const queues = new ClaimAheadQueues(LIMITS, () => now);
    queues.push(claims(1, 2), 1_000);
    queues.push(claims(2, 2), 5_000);
    expect(queues.drain(2)).toHaveLength(2);
    expect(queues.waiting()).toEqual([1]);
    now = 1_000;
    expect(queues.drainExpired()).toHaveLength(2);
    expect(queues.waiting()).toEqual([]);
    expect(queues.totalBytes()).toBe(0);
  });
});
