import { DELIVERY_STATUSES } from '../delivery';
import {
  DELIVERY_LIFECYCLE,
  isWaiting,
  mayTake,
  statusAllows,
  statusAllowsByExclusion,
} from './delivery-lifecycle';

describe('the delivery lifecycle', () => {
  it('lets only waiting deliveries be claimed, recorded or cancelled', () => {
    for (const transition of ['claim', 'deliver', 'retry', 'fail', 'cancel'] as const) {
      expect(DELIVERY_STATUSES.filter((status) => mayTake(status, transition))).toEqual([
        'pending',
        'retrying',
      ]);
    }
  });

  it('redelivers only finished deliveries, cancelled ones included, and retries now only a retrying one', () => {
    expect(DELIVERY_STATUSES.filter((status) => mayTake(status, 'redeliver'))).toEqual([
      'delivered',
      'failed',
      'cancelled',
    ]);
    expect(DELIVERY_STATUSES.filter((status) => mayTake(status, 'retry-now'))).toEqual(['retrying']);
  });

  it('leads every transition to a known status', () => {
    for (const { from, to } of Object.values(DELIVERY_LIFECYCLE)) {
      for (const status of from) expect(DELIVERY_STATUSES).toContain(status);
      if (to !== null) expect(DELIVERY_STATUSES).toContain(to);
    }
  });

  it('writes the allowed statuses as an SQL condition', () => {
    expect(statusAllows('cancel', 'd.status')).toBe("d.status IN ('pending', 'retrying')");
    expect(isWaiting('retrying')).toBe(true);
    expect(isWaiting('cancelled')).toBe(false);
  });

  it('writes the claimable statuses by exclusion exactly as the object-order index predicate', () => {
    // The predicate of `deliveries_unfinished_by_object` (migration 1796288683497): a change here
    // needs a new migration, or the per-object claim loses its index.
    expect(statusAllowsByExclusion('claim', 'status')).toBe(
      "status NOT IN ('delivered', 'failed', 'cancelled')",
    );
  });
});
