import { createHmac } from 'node:crypto';

export interface SignatureInput {
  /** The webhook's `secret`; empty means "do not sign". */
  secret: string;
  /**
   * The secret a rotation replaced, while its overlap lasts (see `previousSecretAt`): Standard Webhooks'
   * header then carries its signature too, so receivers not yet switched over still verify.
   */
  previousSecret?: string;
  /** The exact bytes that go on the wire. */
  body: Buffer;
  /** Standard Webhooks `webhook-id`: the same on every attempt and redelivery of one delivery. */
  messageId: string;
  /** This attempt's time; `webhook-timestamp` is its Unix seconds. */
  attemptedAt: Date;
}

/**
 * The identity and signature headers of one attempt.
 *
 * `webhook-id` and `webhook-timestamp` are always sent: delivery is at least once, so every receiver
 * needs the id to drop duplicates, signed or not. The signatures need a secret (NetBox signs nothing
 * without one):
 *
 * - `X-Hook-Signature`: NetBox's lower-case hex HMAC-SHA512 of the body, keyed by the secret's UTF-8
 *   bytes, so receivers written for NetBox verify unchanged.
 * - `webhook-signature`: Standard Webhooks v1, base64 HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`
 *   keyed by the same bytes, so a receiver verifies with `new Webhook('whsec_' + base64(secret))`. Unlike
 *   NetBox's, it binds the attempt time (a replay window) and the id to the body.
 */
export function signRequest(input: SignatureInput): Record<string, string> {
  const timestamp = String(Math.floor(input.attemptedAt.getTime() / 1000));
  if (input.secret === '') return { 'webhook-id': input.messageId, 'webhook-timestamp': timestamp };
  // Space-separated `v1,<sig>` entries, the new secret's first: receivers accept any that verifies.
  let signatures = `v1,${standardSignature(input.secret, input, timestamp)}`;
  if (input.previousSecret) signatures += ` v1,${standardSignature(input.previousSecret, input, timestamp)}`;
  // One literal in sending order: a spread into it would take V8's slow path on every attempt.
  return {
    // NetBox's header holds one signature: the new secret's (a NetBox receiver switches at rotation).
    'X-Hook-Signature': createHmac('sha512', Buffer.from(input.secret, 'utf8'))
      .update(input.body)
      .digest('hex'),
    'webhook-id': input.messageId,
    'webhook-timestamp': timestamp,
    'webhook-signature': signatures,
  };
}

function standardSignature(secret: string, input: SignatureInput, timestamp: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${input.messageId}.${timestamp}.`, 'utf8')
    .update(input.body)
    .digest('base64');
}
