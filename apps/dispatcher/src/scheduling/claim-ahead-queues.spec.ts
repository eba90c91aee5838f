import { ClaimAheadQueues, type Claim } from './claim-ahead-queues';

const LIMITS = {
  minPerWebhook: 4,
  maxPerWebhook: 50,
  maxBytes: 1_000_000,
  aheadMs: 1_000,
  aheadAtInsertMs: 5_000,
  minAtInsertPerWebhook: 300,
  maxAtInsertPerWebhook: 2_000,
};
/** Bodies never the bound. */
const ROOMY = { ...LIMITS, maxBytes: 100_000_000 };

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
    const queues = new ClaimAheadQueues(ROOMY, () => 0);
    expect(queues.reserve(1, 200)).toBe(200);
    expect(queues.reserve(1, 200)).toBe(100);
    expect(queues.reserve(1, 1)).toBe(0);
    queues.unreserve(1, 300);
    expect(queues.reserve(1, 1_000)).toBe(300);
  });

  it('promises claims at insert for seconds of what the webhook can send, not for its refill target', () => {
    const queues = new ClaimAheadQueues(ROOMY, () => 0);
    // Nothing answered yet: the first batches of a burst get `minAtInsertPerWebhook`.
    expect(queues.reserve(1, 1_000)).toBe(300);
    queues.unreserve(1, 300);
    // Four slots, 10 ms an answer: 400/s, and 5 s of it is 2,000 (also the per-webhook bound).
    queues.answered(1, 10);
    expect(queues.reserve(1, 5_000)).toBe(2_000);
    // A slow receiver (5 s an answer) keeps the minimum; a rate limit bounds even that.
    queues.reserve(2, 0);
    queues.answered(2, 5_000);
    expect(queues.reserve(2, 1_000)).toBe(300);
    expect(queues.reserve(3, 1_000, 20)).toBe(100);
  });

  it("sizes the room at insert by the webhook's fastest recent answer, not the answers its event loop delayed", () => {
    const queues = new ClaimAheadQueues(ROOMY, () => 0);
    queues.reserve(1, 0);
    // A receiver that answers in 2 ms, read 50 ms late most of the time while the intake's batches hold
    // the event loop: it can send 2,000/s, and 5 s of that is the per-webhook bound.
    for (let answer = 0; answer < 40; answer += 1) queues.answered(1, answer % 8 === 0 ? 2 : 50);
    expect(queues.reserve(1, 5_000)).toBe(2_000);
  });

  it('keeps the fastest answer of the last burst for the next, and forgets it after two seconds of slow answers', () => {
    let now = 0;
    const queues = new ClaimAheadQueues(ROOMY, () => now);
    queues.reserve(1, 0);
    queues.answered(1, 2);
    // A minute later, a new burst's first answer waited on the busy event loop: the last burst's answer
    // still says what the receiver can do.
    now = 60_000;
    queues.answered(1, 40);
    expect(queues.reserve(1, 5_000)).toBe(2_000);
    queues.unreserve(1, 2_000);
    // The receiver turned slow: two windows of slow answers, and the room is the minimum again.
    now = 61_000;
    queues.answered(1, 5_000);
    now = 62_000;
    queues.answered(1, 5_000);
    expect(queues.reserve(1, 5_000)).toBe(300);
  });

  it('keeps the claims promised at insert within a quarter of maxBytes per webhook', () => {
    const queues = new ClaimAheadQueues({ ...LIMITS, maxBytes: 400_000 }, () => 0);
    queues.push(claims(1, 1, 1_000), 10_000);
    queues.answered(1, 1);
    // 100,000 bytes for the webhook, 1,000 of them queued; bodies of 3,786 bytes expected (the average
    // so far, starting from 4,096): the 99,000 left buy 26 claims.
    expect(queues.reserve(1, 1_000)).toBe(26);
    // Over all queues, claims at insert stop at half of maxBytes (here 201,000 bytes are queued); the
    // claims from the table still have room.
    queues.push(claims(2, 20, 10_000), 10_000);
    expect(queues.reserve(1, 1_000)).toBe(0);
    expect(queues.reserve(3, 1_000)).toBe(0);
    expect(queues.room(3)).toBeGreaterThan(0);
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
