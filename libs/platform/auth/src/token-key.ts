import { createHash, randomBytes } from 'node:crypto';

/** NetBox 3.x keys: 40 hex characters (160 random bits). */
export const TOKEN_KEY_FORMAT = /^[0-9a-f]{40}$/;

export function generateTokenKey(): string {
  return randomBytes(20).toString('hex');
}

/**
 * Keys are stored and published only as SHA-256. A fast hash is enough: the keys are 160-bit random
 * values, not passwords, so there is nothing for a slow hash to protect against.
 */
export function hashTokenKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
