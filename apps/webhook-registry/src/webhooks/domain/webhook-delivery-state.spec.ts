import { deliveryStateAfterChange, INITIAL_DELIVERY_STATE } from './webhook-delivery-state';

const DAY = 86_400_000;
const now = new Date('2026-12-02T12:00:00Z');

describe('deliveryStateAfterChange', () => {
  const before = { ...INITIAL_DELIVERY_STATE, secret: 'old', enabled: true };

  it('keeps the replaced secret for the overlap when a secret is rotated', () => {
    expect(deliveryStateAfterChange(before, { secret: 'new', enabled: true }, now, DAY)).toEqual({
      previous_secret: 'old',
      secret_rotated_at: now,
      previous_secret_expires: new Date('2026-12-03T12:00:00Z'),
      disabled_reason: '',
    });
  });

  it.each([
    ['a first secret', '', 'new'],
    ['a cleared secret', 'old', ''],
  ])('has no overlap for %s', (_, from, to) => {
    const state = deliveryStateAfterChange(
      { ...before, secret: from },
      { secret: to, enabled: true },
      now,
      DAY,
    );
    expect(state).toMatchObject({
      previous_secret: '',
      previous_secret_expires: null,
      secret_rotated_at: now,
    });
  });

  it('keeps only the secret just replaced on a second rotation', () => {
    const first = deliveryStateAfterChange(before, { secret: 'new', enabled: true }, now, DAY);
    const later = new Date(now.getTime() + 1000);
    const second = deliveryStateAfterChange(
      { ...first, secret: 'new', enabled: true },
      { secret: 'newer', enabled: true },
      later,
      DAY,
    );
    expect(second.previous_secret).toBe('new');
  });

  it('forgets an expired previous secret at the next change, and keeps a valid one', () => {
    const rotated = {
      ...before,
      previous_secret: 'older',
      secret_rotated_at: now,
      previous_secret_expires: new Date(now.getTime() + DAY),
    };
    expect(
      deliveryStateAfterChange(rotated, { secret: 'old', enabled: true }, now, DAY).previous_secret,
    ).toBe('older');
    const after = new Date(now.getTime() + DAY);
    expect(deliveryStateAfterChange(rotated, { secret: 'old', enabled: true }, after, DAY)).toMatchObject({
      previous_secret: '',
      previous_secret_expires: null,
      secret_rotated_at: now,
    });
  });

  it('keeps the system’s disable reason only while the webhook stays disabled', () => {
    const disabled = { ...before, enabled: false, disabled_reason: 'the receiver answered 410 Gone' };
    expect(
      deliveryStateAfterChange(disabled, { secret: 'old', enabled: false }, now, DAY).disabled_reason,
    ).toBe('the receiver answered 410 Gone');
    expect(
      deliveryStateAfterChange(disabled, { secret: 'old', enabled: true }, now, DAY).disabled_reason,
    ).toBe('');
  });
});
