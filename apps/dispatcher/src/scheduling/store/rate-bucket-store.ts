import type { SqlClient } from '../../storage/sql-client';
import { bucketCapacity, type TokenBuckets } from '../domain/token-buckets';

/**
 * The token buckets of `rate_limit_per_second`, in PostgreSQL so that every dispatcher instance of the
 * group draws from the same one: together they send at most `capacity + rate × t` requests in any
 * time t. A take is one statement (an upsert that refills by the time elapsed, then grants up to what
 * was asked), and grants a chunk, so a webhook at its limit costs about ten statements a second per
 * instance, not one per delivery. Unused tokens are never handed back: a grant that is not used only
 * lowers the rate, it never raises it.
 */
export class RateBucketStore implements TokenBuckets {
  constructor(private readonly sql: SqlClient) {}

  /** Takes up to `wanted` tokens of the webhook's bucket now; returns how many it got (0 when empty). */
  async take(webhookId: number, ratePerSecond: number, wanted: number): Promise<number> {
    const capacity = bucketCapacity(ratePerSecond);
    const want = Math.max(0, Math.min(wanted, capacity));
    // Refill from the row as locked (ON CONFLICT DO UPDATE reads the latest version), so concurrent
    // takes of two instances serialize on the row and never grant the same tokens twice. `now()` of a
    // statement that waited for the lock may be older than the row's refill time: never negative.
    const available = `least($3::float8, b.tokens + $2::float8 *
      greatest(0, extract(epoch FROM now() - b.refilled_at)))`;
    const [row] = await this.sql.rows<{ last_granted: number }>(
      `INSERT INTO ${this.sql.table('rate_buckets')} AS b (webhook_id, tokens, refilled_at, last_granted)
       VALUES ($1, $3::float8 - $4::int, now(), $4::int)
       ON CONFLICT (webhook_id) DO UPDATE SET
         last_granted = least($4::int, floor(${available})::int),
         tokens = ${available} - least($4::int, floor(${available})::int),
         refilled_at = greatest(b.refilled_at, now())
       RETURNING last_granted`,
      [webhookId, ratePerSecond, capacity, want],
    );
    return row.last_granted;
  }
}
