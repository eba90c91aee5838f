import type { ApiTokenRecord } from '@validity/contracts';
import { hashTokenKey } from './token-key';

const MAX_KNOWN_HASHES = 1_024;

/** The user `ADMIN_TOKEN` belongs to; NetBox's first superuser has id 1. */
export const ADMIN_USER = Object.freeze({ id: 1, username: 'admin' });

/**
 * This service's view of every API token, keyed by key hash: built from the `users.tokens` topic, plus the
 * `ADMIN_TOKEN` of the environment, which is valid from the first request, before the topic is read.
 */
export class TokenDirectory {
  private readonly byHash = new Map<string, ApiTokenRecord>();
  private readonly hashById = new Map<number, string>();
  private readonly adminHash: string | undefined;
  /**
   * The hashes of keys that named a token: a client sends the same key with every request, and hashing
   * it was about 1 % of the reports service's CPU per created run. Only keys of tokens, so a client
   * sending made-up keys fills nothing; a key whose token is revoked maps to a hash no longer found.
   */
  private readonly knownHashes = new Map<string, string>();

  constructor(adminTokenKey: string | undefined) {
    this.adminHash = adminTokenKey ? hashTokenKey(adminTokenKey) : undefined;
  }

  put(record: ApiTokenRecord): void {
    this.remove(record.id);
    this.byHash.set(record.key_sha256, record);
    this.hashById.set(record.id, record.key_sha256);
  }

  remove(id: number): void {
    const hash = this.hashById.get(id);
    if (hash === undefined) return;
    this.byHash.delete(hash);
    this.hashById.delete(id);
  }

  findByKey(key: string): ApiTokenRecord | undefined {
    const hash = this.knownHashes.get(key) ?? hashTokenKey(key);
    const known = this.byHash.get(hash) ?? this.admin(hash);
    if (known) this.rememberHash(key, hash);
    return known;
  }

  private admin(hash: string): ApiTokenRecord | undefined {
    if (hash !== this.adminHash) return undefined;
    return { id: 0, user: ADMIN_USER, key_sha256: hash, write_enabled: true, expires: null };
  }

  private rememberHash(key: string, hash: string): void {
    if (this.knownHashes.has(key)) return;
    if (this.knownHashes.size >= MAX_KNOWN_HASHES) this.knownHashes.clear();
    this.knownHashes.set(key, hash);
  }
}
