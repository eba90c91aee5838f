import type { ClaimedDelivery } from '../delivery';

/** A delivery stored already claimed, with its body's size for the claim-ahead memory bound. */
export type InsertedClaim = ClaimedDelivery & { bytes: number };

/**
 * What the intake needs of the engine to store new deliveries already claimed: room promised before the
 * insert (so batches stored side by side cannot overfill a queue), the claims handed over after it. A
 * delivery the engine has no room for is stored due, and claimed later like any other.
 */
export interface ClaimsAtInsert {
  /**
   * Promises room for up to `wanted` new deliveries of the webhook; returns how many and their lease,
   * or 0 when they must take the table's path (ordered per object, circuit not closed, a backlog of
   * older due rows waiting first, no room).
   */
  reserve(webhookId: number, wanted: number): { granted: number; leaseSeconds: number };
  /**
   * Takes the claims stored for a promise (`reserved` places, `claims` may be fewer: rows Kafka
   * delivered twice are not stored again), claimed at `claimedAt` (monotonic ms, read before the insert).
   */
  accept(webhookId: number, claims: InsertedClaim[], reserved: number, claimedAt: number): void;
}
