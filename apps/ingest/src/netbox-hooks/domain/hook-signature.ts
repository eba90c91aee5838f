import { createHmac, timingSafeEqual } from 'node:crypto';

/** NetBox's `X-Hook-Signature`: lower-case hex HMAC-SHA512 of the exact body bytes, keyed by the secret. */
export function hookSignature(secret: string, body: Buffer): string {
  return createHmac('sha512', Buffer.from(secret, 'utf8')).update(body).digest('hex');
}

/**
 * Whether `header` is the signature NetBox computes over `body` with `secret`. Compared in constant time
 * so the answer's timing says nothing about how much of a forged signature was right; hex in either
 * case is accepted (NetBox sends lower case).
 */
export function isValidHookSignature(secret: string, body: Buffer, header: string | undefined): boolean {
  if (header === undefined || !/^[0-9a-fA-F]{128}$/.test(header.trim())) return false;
  const expected = Buffer.from(hookSignature(secret, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(header.trim(), 'hex'));
}
