import { messageIdOf, UnstoredDelivery, type ClaimedDelivery } from '../delivery';
import type { DeliveryStore } from '../store/delivery-store';
import { anIncomingEvent } from '../testing/incoming-event';
import { UnstoredClaims } from './unstored-claims';

const WEBHOOK = 7;

function claimOf(eventId: string, id: number, unstored?: UnstoredDelivery): ClaimedDelivery {
  return {
    id,
    webhookId: WEBHOOK,
    messageId: messageIdOf(eventId, WEBHOOK),
    attemptNumber: 1,
    retryBase: 0,
    event: anIncomingEvent(eventId),
    unstored,
  };
}

function rowless(eventId: string, onStored: () => void = () => undefined): ClaimedDelivery {
  return claimOf(eventId, 0, new UnstoredDelivery(anIncomingEvent(eventId), WEBHOOK, 0, onStored));
}

describe('UnstoredClaims.track', () => {
  const claims = () => new UnstoredClaims({} as DeliveryStore, () => 30);

  it('sends new claims without a row, and stored claims of deliveries it does not hold', () => {
    const tracked = claims();
    const handed = [rowless('a'), rowless('b'), claimOf('c', 3)];
    expect(tracked.track(handed)).toEqual(handed);
  });

  it('does not send a stored claim of a delivery it still holds without a row: that delivery takes the row', () => {
    const tracked = claims();
    const batchTold = jest.fn();
    const held = rowless('a', batchTold);
    tracked.track([held, rowless('b')]);

    // The record of `a` was read again after a rejoin and the stored path wrote its row, claimed.
    const again = claimOf('a', 41);
    expect(tracked.track([again, claimOf('z', 42)])).toEqual([claimOf('z', 42)]);
    expect(held.unstored).toMatchObject({ rowId: 41, hasRow: true });
    expect(batchTold).toHaveBeenCalledTimes(1);
    // Held no more: another stored claim of it is sent.
    expect(tracked.track([claimOf('a', 41)])).toHaveLength(1);
  });

  it('sends a stored claim once the delivery it held was attempted (its outcome is with the recorder)', () => {
    const tracked = claims();
    const held = rowless('a');
    tracked.track([held]);
    tracked.attempted(held.unstored!);
    expect(tracked.track([claimOf('a', 41)])).toHaveLength(1);
    expect(held.unstored).toMatchObject({ rowId: 0, hasRow: false });
  });
});
