import type { WebhookSettings } from './webhook';

/**
 * What the system, not the client, keeps about a webhook's delivery (issue 18): the secret before the
 * last rotation while receivers may still verify with it, and why the system disabled the webhook.
 * Read-only in the API; `previous_secret` is never shown anywhere but the internal definition topic.
 */
export interface WebhookDeliveryState {
  /** The secret the last rotation replaced; the dispatcher signs with it too until it expires. */
  previous_secret: string;
  /** When `secret` last changed (null: never since the webhook was created). */
  secret_rotated_at: Date | null;
  /** Until when `previous_secret` still signs (null: there is none). */
  previous_secret_expires: Date | null;
  /** Why the system disabled the webhook (410 Gone, failing too long); '' when it did not. */
  disabled_reason: string;
}

export const INITIAL_DELIVERY_STATE: WebhookDeliveryState = Object.freeze({
  previous_secret: '',
  secret_rotated_at: null,
  previous_secret_expires: null,
  disabled_reason: '',
});

/**
 * The delivery state after a client's change of `settings`:
 *
 * - a new secret replacing a non-empty one keeps the old one valid for `overlapMs` (receivers are
 *   switched over one by one; Standard Webhooks' `webhook-signature` carries both meanwhile). Only the
 *   secret just replaced is kept: a second rotation inside the overlap ends the first one's. Setting a
 *   first secret or clearing it has no overlap, as there is nothing to verify with on one side;
 * - a previous secret past its overlap is forgotten at the next change;
 * - the system's disable reason holds only while the webhook stays disabled: enabling it clears it, and
 *   a client's own disable has no reason.
 */
export function deliveryStateAfterChange(
  before: WebhookDeliveryState & Pick<WebhookSettings, 'secret' | 'enabled'>,
  settings: Pick<WebhookSettings, 'secret' | 'enabled'>,
  now: Date,
  overlapMs: number,
): WebhookDeliveryState {
  const reason = before.enabled || settings.enabled ? '' : before.disabled_reason;
  if (settings.secret !== before.secret) {
    const overlap = before.secret !== '' && settings.secret !== '' && overlapMs > 0;
    return {
      previous_secret: overlap ? before.secret : '',
      secret_rotated_at: now,
      previous_secret_expires: overlap ? new Date(now.getTime() + overlapMs) : null,
      disabled_reason: reason,
    };
  }
  const expired =
    before.previous_secret_expires !== null && before.previous_secret_expires.getTime() <= now.getTime();
  return {
    previous_secret: expired ? '' : before.previous_secret,
    secret_rotated_at: before.secret_rotated_at,
    previous_secret_expires: expired ? null : before.previous_secret_expires,
    disabled_reason: reason,
  };
}
