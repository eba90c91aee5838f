import { deliveriesPerMinute } from './deliveries-per-minute';

describe('deliveriesPerMinute', () => {
  it('puts each delivery in its minute and counts failed and retrying ones as failures', () => {
    const now = Date.parse('2026-12-02T14:30:30Z');
    const buckets = deliveriesPerMinute(
      [
        { created: '2026-12-02T14:30:10Z', status: { value: 'delivered' } },
        { created: '2026-12-02T14:30:20Z', status: { value: 'failed' } },
        { created: '2026-12-02T14:29:59Z', status: { value: 'retrying' } },
        { created: '2026-12-02T13:00:00Z', status: { value: 'failed' } },
      ],
      now,
    );
    expect(buckets).toHaveLength(60);
    expect(buckets[59]).toEqual({ start: Date.parse('2026-12-02T14:30:00Z'), total: 2, failures: 1 });
    expect(buckets[58]).toEqual({ start: Date.parse('2026-12-02T14:29:00Z'), total: 1, failures: 1 });
    expect(buckets.reduce((sum, bucket) => sum + bucket.total, 0)).toBe(3);
  });
});
