import { aWebhookDefinition } from '@validity/testing';
import { previousSecretAt } from './previous-secret-at';

describe('previousSecretAt', () => {
  const rotated = aWebhookDefinition(1, 'http://receiver.example/', {
    secret: 'new',
    previous_secret: 'old',
    previous_secret_expires: '2026-12-03T12:00:00.000000Z',
  });

  it('is the replaced secret inside the overlap and nothing from its end on', () => {
    expect(previousSecretAt(rotated, new Date('2026-12-03T11:59:59Z'))).toBe('old');
    expect(previousSecretAt(rotated, new Date('2026-12-03T12:00:00Z'))).toBeUndefined();
  });

  it('is nothing without a rotation, or for a definition from before rotations existed', () => {
    expect(previousSecretAt({ ...rotated, previous_secret: '' }, new Date(0))).toBeUndefined();
    expect(previousSecretAt(aWebhookDefinition(1, 'http://receiver.example/'), new Date(0))).toBeUndefined();
  });
});
