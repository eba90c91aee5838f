import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    const bucket = new TokenBucket(1, 3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)].every((result) => result.ok)).toBe(true);
    expect(bucket.take(0)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('refills at its rate, never above the burst', () => {
    const bucket = new TokenBucket(2, 2, 0);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.take(100).ok).toBe(false);
    expect(bucket.take(600).ok).toBe(true);
    const idle = new TokenBucket(2, 2, 0);
    expect([idle.take(60_000), idle.take(60_000), idle.take(60_000)].map((result) => result.ok)).toEqual([
      true,
      true,
      false,
    ]);
  });
});
