import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';
import { appendToStreams, createEventStore, dropEventStore } from '@validity/platform/event-store';
import type { ApiToken } from '../users/domain/api-token';
import { API_TOKEN_EVENT_TYPES, apiTokenEvent, apiTokenStreamId } from '../users/domain/api-token-events';

interface TokenRow {
  id: number;
  user_id: number;
  username: string;
  key_sha256: string;
  key_hint: string;
  write_enabled: boolean;
  expires: Date | null;
  description: string;
  created: Date;
  deleted_at: Date | null;
}

/**
 * Tokens become event-sourced: the gateway gets the event store (its outbox) that the other services
 * have, and every token written before it gets its stream, so the read model can be rebuilt from the
 * store alone: an `ApiTokenIssued` with the token as it is now, and an `ApiTokenRevoked` after it for a
 * revoked one. The relay publishes them once after the upgrade, as the old publisher's start-up resync
 * did; their records are the ones it published.
 */
export class ApiTokenEvents1796288487387 implements MigrationInterface {
  name = 'ApiTokenEvents1796288487387';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await createEventStore(queryRunner, schema);
    const rows: TokenRow[] = await queryRunner.query(
      `SELECT "id", "user_id", "username", "key_sha256", "key_hint", "write_enabled", "expires",
              "description", "created", "deleted_at"
       FROM "${schema}"."tokens" ORDER BY "id"`,
    );
    await appendToStreams(
      queryRunner.manager,
      schema,
      rows.map((row) => {
        const token = tokenOf(row);
        const issued = apiTokenEvent(API_TOKEN_EVENT_TYPES.issued, { ...token, deletedAt: null });
        const revoked = token.deletedAt ? [apiTokenEvent(API_TOKEN_EVENT_TYPES.revoked, token)] : [];
        return { streamId: apiTokenStreamId(token.id), expectedVersion: 0, events: [issued, ...revoked] };
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropEventStore(queryRunner, migrationSchema(queryRunner));
  }
}

function tokenOf(row: TokenRow): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    keySha256: row.key_sha256,
    keyHint: row.key_hint,
    writeEnabled: row.write_enabled,
    expires: row.expires,
    description: row.description,
    created: row.created,
    lastUsed: null,
    deletedAt: row.deleted_at,
  };
}
