import type { ApiTokenRecord } from '@validity/contracts';
import { hashTokenKey } from './token-key';

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
    const hash = hashTokenKey(key);
    const known = this.byHash.get(hash);
    if (known) return known;
    if (hash === this.adminHash) {
      return { id: 0, user: ADMIN_USER, key_sha256: hash, write_enabled: true, expires: null };
    }
    return undefined;
  }
}
