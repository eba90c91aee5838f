import type { KeyObject } from 'node:crypto';

/** One webhook's Ed25519 key pair, as the dispatcher uses it. */
export interface WebhookSigningKey {
  webhookId: number;
  privateKey: KeyObject;
  /** Standard Webhooks' form of the public key: `whpk_` + base64 of its 32 raw bytes. */
  publicKey: string;
  created: Date;
}

/** Where a delivery gets its webhook's `v1a` key: the signing key store answers (wired in `deliveries.module.ts`). */
export interface SigningKeys {
  /** The webhook's key, made now if it has none. */
  keyFor(webhookId: number): Promise<WebhookSigningKey>;
}
