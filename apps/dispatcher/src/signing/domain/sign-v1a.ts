import { sign, type KeyObject } from 'node:crypto';

/**
 * Standard Webhooks' asymmetric signature: `v1a,` + base64 of the Ed25519 signature of
 * `<webhook-id>.<webhook-timestamp>.<body>`, the same content the symmetric `v1` signs. A receiver
 * verifies it with the webhook's public key alone (no shared secret).
 */
export function signV1a(privateKey: KeyObject, messageId: string, timestamp: string, body: Buffer): string {
  const content = Buffer.concat([Buffer.from(`${messageId}.${timestamp}.`, 'utf8'), body]);
  return `v1a,${sign(null, content, privateKey).toString('base64')}`;
}

/** `webhook-signature` with the `v1a` one added: signatures are space-separated, any one may verify. */
export function withV1aSignature(current: string | undefined, v1a: string): string {
  return current ? `${current} ${v1a}` : v1a;
}
