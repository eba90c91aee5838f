import { encodeApiTokenRecord } from '@validity/contracts';
import { createServiceDataSource, migrateServiceSchema } from '@validity/platform/database';
import { rebuildProjections } from '@validity/platform/event-store';
import { testServiceConfig } from '@validity/service-testing';
import { ApiTokenProjection } from '../users/store/api-token-projection';
import { ApiTokenTable } from '../users/store/api-token-table';
import { ApiTokens1764460800000 } from './1764460800000-api-tokens';
import { MIGRATIONS } from '.';

describe('upgrading to event-sourced tokens', () => {
  const { database } = testServiceConfig('gateway');
  const { schema } = database;
  const older = createServiceDataSource({ ...database, migrations: [ApiTokens1764460800000] });
  const current = createServiceDataSource({ ...database, migrations: MIGRATIONS });

  const rows = () =>
    current.query(`SELECT * FROM "${schema}"."tokens" ORDER BY "id"`) as Promise<Array<{ id: number }>>;

  afterAll(async () => {
    for (const dataSource of [older, current]) if (dataSource.isInitialized) await dataSource.destroy();
  });

  it('gives every token written before it a stream that rebuilds the same rows, revoked ones included', async () => {
    await older.initialize();
    await migrateServiceSchema(older, schema);
    await older.query(
      `INSERT INTO "${schema}"."tokens"
         ("user_id", "username", "key_sha256", "key_hint", "write_enabled", "expires", "description",
          "created", "deleted_at")
       VALUES (1, 'admin', repeat('a', 64), 'aaaaaa', true, NULL, 'live caf\u00e9', '2025-01-02T03:04:05.678Z', NULL),
              (1, 'admin', repeat('b', 64), 'bbbbbb', false, '2030-01-01T00:00:00.123Z', 'revoked',
               '2025-02-03T04:05:06.789Z', '2025-06-01T00:00:00.5Z')`,
    );
    await older.destroy();
    await current.initialize();
    await migrateServiceSchema(current, schema);
    const before = await rows();
    const [live, revoked] = before;

    const events: Array<{ stream_id: string; event_type: string; payload: Buffer | null; relayed_at: null }> =
      await current.query(
        `SELECT "stream_id", "event_type", "payload", "relayed_at" FROM "${schema}"."event_store"
         ORDER BY "position"`,
      );
    expect(events.map((event) => [event.stream_id, event.event_type, event.relayed_at])).toEqual([
      [`api-token-${live.id}`, 'ApiTokenIssued', null],
      [`api-token-${revoked.id}`, 'ApiTokenIssued', null],
      [`api-token-${revoked.id}`, 'ApiTokenRevoked', null],
    ]);
    // The records the old publisher put on users.tokens, byte for byte; a tombstone for the revoked one.
    expect(events.map((event) => event.payload)).toEqual([
      encodeApiTokenRecord({
        id: live.id,
        user: { id: 1, username: 'admin' },
        key_sha256: 'a'.repeat(64),
        write_enabled: true,
        expires: null,
      }),
      encodeApiTokenRecord({
        id: revoked.id,
        user: { id: 1, username: 'admin' },
        key_sha256: 'b'.repeat(64),
        write_enabled: false,
        expires: '2030-01-01T00:00:00.123Z',
      }),
      null,
    ]);

    await rebuildProjections(current, schema, [new ApiTokenProjection(schema, new ApiTokenTable(schema))]);

    expect(await rows()).toEqual(before);
  });
});
