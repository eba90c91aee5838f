import { DELIVERY_STATUSES, type DeliveryStatus } from '../delivery';

/**
 * Everything that may happen to a delivery, and who does it:
 *
 * - `claim`: the engine takes a due delivery for an attempt (it stays `pending`/`retrying`, leased);
 * - `release`: the engine hands a claim back unattempted;
 * - `deliver`, `retry`, `fail`: the outcome of an attempt (the worker);
 * - `fail-unattempted`: planned deliveries that can never be sent (broken conditions, deleted webhook);
 * - `cancel`: its webhook was disabled;
 * - `retry-now`: an operator brings a retry's due time forward (`POST .../{id}/retry/`);
 * - `redeliver`: an operator sends a finished delivery again (`.../redeliver/`, `.../replay/`);
 * - `prune`: retention deletes it.
 *
 * A row is created `pending` (or `failed` at once) by the intake, or, for a delivery the engine sent before
 * it had a row, with its first attempt's outcome: `deliver`, `retry` or `fail` taken as it is created.
 * A delivery stored batched (one row of event ids for many of a webhook's) is `pending` without a row of
 * its own; it gets one, `pending`, when claimed or read, or ends `cancelled`/`failed` with its webhook.
 */
export type DeliveryTransition =
  | 'claim'
  | 'release'
  | 'deliver'
  | 'retry'
  | 'fail'
  | 'fail-unattempted'
  | 'cancel'
  | 'retry-now'
  | 'redeliver'
  | 'prune';

const WAITING: readonly DeliveryStatus[] = ['pending', 'retrying'];
const FINISHED: readonly DeliveryStatus[] = ['delivered', 'failed', 'cancelled'];

/**
 * The delivery state machine in one table: for each transition, the statuses it may start from and the
 * status it leads to (`null`: the status does not change, or the row is deleted). The store builds the
 * `WHERE status IN (...)` of every statement from this table, so a move the table does not allow
 * cannot be written.
 */
export const DELIVERY_LIFECYCLE: Readonly<
  Record<DeliveryTransition, { from: readonly DeliveryStatus[]; to: DeliveryStatus | null }>
> = {
  claim: { from: WAITING, to: null },
  release: { from: WAITING, to: null },
  deliver: { from: WAITING, to: 'delivered' },
  retry: { from: WAITING, to: 'retrying' },
  fail: { from: WAITING, to: 'failed' },
  'fail-unattempted': { from: WAITING, to: 'failed' },
  cancel: { from: WAITING, to: 'cancelled' },
  'retry-now': { from: ['retrying'], to: null },
  redeliver: { from: FINISHED, to: 'pending' },
  // Failed deliveries only once they are on the dead-letter topic (the store adds that condition).
  prune: { from: FINISHED, to: null },
};

/** The statuses a transition may start from, as an SQL condition on `column`. */
export function statusAllows(transition: DeliveryTransition, column = 'status'): string {
  const from = DELIVERY_LIFECYCLE[transition].from.map((status) => `'${status}'`).join(', ');
  return `${column} IN (${from})`;
}

/**
 * The same condition as `statusAllows`, written as "none of the other statuses" (equal under the
 * table's CHECK). PostgreSQL cannot prove either form from the other, so a partial index whose
 * predicate is written one way serves only the queries written that way: see `earlierOfSameObject`.
 */
export function statusAllowsByExclusion(transition: DeliveryTransition, column = 'status'): string {
  const from = DELIVERY_LIFECYCLE[transition].from;
  const others = DELIVERY_STATUSES.filter((status) => !from.includes(status));
  return `${column} NOT IN (${others.map((status) => `'${status}'`).join(', ')})`;
}

/** Whether a delivery in `status` may take `transition`. */
export function mayTake(status: DeliveryStatus, transition: DeliveryTransition): boolean {
  return DELIVERY_LIFECYCLE[transition].from.includes(status);
}

/** Statuses that still expect an attempt. */
export function isWaiting(status: DeliveryStatus): boolean {
  return WAITING.includes(status);
}
