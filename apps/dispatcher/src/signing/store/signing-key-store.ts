import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { SqlClient } from '../../storage/sql-client';
import type { SigningKeys, WebhookSigningKey } from '../domain/signing-keys';

interface SigningKeyRow {
  webhook_id: number;
  private_key: Buffer;
  public_key: Buffer;
  created: Date;
}

/**
 * The Ed25519 keys of webhooks with `asymmetric_signature` (Standard Webhooks `v1a`), kept in the
 * dispatcher's own schema. Why here: the dispatcher is the only process that signs, so the private key
 * is generated where it is used and never travels (not on the registry's topics, which any dispatcher
 * instance or a topic reader would see, nor in an API answer); every dispatcher instance of the group
 * shares the one table, so they all sign with the same key. A key is made the first time it is needed
 * (a delivery or an API read of the public key); the first instance to insert it wins, the others read
 * the winner's. Keys are cached per instance, so signing costs no round trip after the first.
 */
export class SigningKeyStore implements SigningKeys {
  private readonly cache = new Map<number, Promise<WebhookSigningKey>>();

  constructor(private readonly sql: SqlClient) {}

  /** The webhook's key, made now if it has none. */
  keyFor(webhookId: number): Promise<WebhookSigningKey> {
    let key = this.cache.get(webhookId);
    if (!key) {
      key = this.loadOrCreate(webhookId);
      // A failed read is not cached: the next attempt tries again.
      key.catch(() => this.cache.delete(webhookId));
      this.cache.set(webhookId, key);
    }
    return key;
  }

  private async loadOrCreate(webhookId: number): Promise<WebhookSigningKey> {
    const pair = generateKeyPairSync('ed25519');
    const [inserted] = await this.sql.rows<SigningKeyRow>(
      `WITH inserted AS (
         INSERT INTO ${this.sql.table('signing_keys')} (webhook_id, private_key, public_key)
         VALUES ($1, $2, $3) ON CONFLICT (webhook_id) DO NOTHING
         RETURNING webhook_id, private_key, public_key, created
       )
       SELECT * FROM inserted
       UNION ALL
       SELECT webhook_id, private_key, public_key, created FROM ${this.sql.table('signing_keys')}
       WHERE webhook_id = $1 AND NOT EXISTS (SELECT 1 FROM inserted)`,
      [webhookId, pair.privateKey.export({ format: 'der', type: 'pkcs8' }), rawPublicKey(pair.publicKey)],
    );
    // Another instance inserting at the same moment: our INSERT waited for its commit and conflicted,
    // but this statement's snapshot predates that row, so it is read in a statement of its own.
    const row =
      inserted ??
      (
        await this.sql.rows<SigningKeyRow>(
          `SELECT webhook_id, private_key, public_key, created FROM ${this.sql.table('signing_keys')}
           WHERE webhook_id = $1`,
          [webhookId],
        )
      )[0];
    if (!row) throw new Error(`no signing key for webhook ${webhookId}`);
    return {
      webhookId,
      privateKey: createPrivateKey({ key: row.private_key, format: 'der', type: 'pkcs8' }),
      publicKey: `whpk_${row.public_key.toString('base64')}`,
      created: row.created,
    };
  }
}

/** The 32 bytes of an Ed25519 public key (its JWK `x`). */
function rawPublicKey(publicKey: KeyObject): Buffer {
  const { x } = publicKey.export({ format: 'jwk' });
  return Buffer.from(x!, 'base64url');
}
