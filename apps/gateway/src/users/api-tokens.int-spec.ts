import { DataSource } from 'typeorm';
import { ADMIN_USER } from '@validity/platform/auth';
import { handleCommand, waitUntilRelayed } from '@validity/platform/event-store';
import {
  startTestService,
  TEST_ADMIN_TOKEN,
  testServiceConfig,
  type TestService,
} from '@validity/service-testing';
import { AppModule } from '../app.module';
import type { GatewayConfig } from '../config';
import { apiTokenStreamId } from './domain/api-token-events';
import { apiTokenDecider, type ApiTokenCommand } from './domain/api-token.decider';
import { ApiTokenTable } from './store/api-token-table';
import { ApiTokenRegistry } from './use-cases/api-token.registry';

interface TokenBody {
  id: number;
  description: string;
  write_enabled: boolean;
}

/** `/api/users/tokens/` and ADMIN_TOKEN's row, on a schema of their own. */
describe('API tokens: ADMIN_TOKEN stays valid and keys stay unique', () => {
  let service: TestService;
  let adminTokenId: number;

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${service.url}/api/users/tokens/${path}`, {
      method,
      headers: { authorization: service.auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as unknown };
  };

  beforeAll(async () => {
    const config: GatewayConfig = {
      ...testServiceConfig('gateway'),
      upstreams: {
        reports: 'http://127.0.0.1:9',
        'webhook-registry': 'http://127.0.0.1:9',
        dispatcher: 'http://127.0.0.1:9',
        ingest: 'http://127.0.0.1:9',
      },
    };
    service = await startTestService(AppModule.register(config), config);
    const page = await call('GET', '?description=ADMIN_TOKEN');
    adminTokenId = (page.body as { results: TokenBody[] }).results[0].id;
  });

  afterAll(() => service?.close());

  it.each([
    ['DELETE', undefined],
    ['PATCH', { write_enabled: false }],
    ['PUT', { expires: '2000-01-01T00:00:00Z' }],
  ])('refuses %s of the ADMIN_TOKEN row with 403 and leaves it as it was', async (method, body) => {
    const answer = await call(method, `${adminTokenId}/`, body);
    expect(answer).toEqual({
      status: 403,
      body: {
        detail:
          'ADMIN_TOKEN cannot be changed or revoked through the API; change the ADMIN_TOKEN setting instead.',
      },
    });
    const token = await call('GET', `${adminTokenId}/`);
    expect(token).toMatchObject({ status: 200, body: { write_enabled: true, expires: null } });
  });

  it('answers a key that is already taken with 400 on key, not a 500', async () => {
    const answer = await call('POST', '', { key: TEST_ADMIN_TOKEN });
    expect(answer).toEqual({ status: 400, body: { key: ['token with this key already exists.'] } });
  });

  it('answers a NUL character in the description with 400, not a 500', async () => {
    const answer = await call('POST', '', { description: 'a\u0000b' });
    expect(answer).toEqual({ status: 400, body: { description: ['Null characters are not allowed.'] } });
  });

  it('restores a revoked or restricted ADMIN_TOKEN row on start instead of failing on its unique key', async () => {
    const dataSource = service.app.get(DataSource);
    const schema = service.config.database.schema;
    // As an older version (which let the API change it) left it: its stream, as the upgrade carried it over.
    const olderChanges: ApiTokenCommand[] = [
      { change: { writeEnabled: false, expires: new Date() } },
      { revoke: new Date() },
    ];
    await dataSource.transaction(async (manager) => {
      for (const command of olderChanges) {
        const streamId = apiTokenStreamId(adminTokenId);
        const { after } = await handleCommand(manager, schema, streamId, apiTokenDecider, command);
        await new ApiTokenTable(schema).save(manager, after!);
      }
    });
    await service.app.get(ApiTokenRegistry).seedAdminToken(TEST_ADMIN_TOKEN, ADMIN_USER);
    const token = await call('GET', `${adminTokenId}/`);
    expect(token).toMatchObject({ status: 200, body: { write_enabled: true, expires: null } });
  });

  it('has the relay publish every token again, with the current HMAC key, when asked at start', async () => {
    const dataSource = service.app.get(DataSource);
    const schema = service.config.database.schema;
    const relayedAt = async (): Promise<string[]> =>
      (
        (await dataSource.query(
          `SELECT "stream_id", "version", "relayed_at"::text AS "at" FROM "${schema}"."event_store"
           WHERE ("stream_id", "version") IN (SELECT "stream_id", max("version") FROM "${schema}"."event_store"
                                              GROUP BY "stream_id")
           ORDER BY "stream_id"`,
        )) as Array<{ stream_id: string; at: string }>
      ).map((row) => `${row.stream_id} ${row.at}`);
    expect(await waitUntilRelayed(dataSource, schema, 10_000)).toBe(true);
    const before = await relayedAt();

    await service.app.get(ApiTokenRegistry).republishAll();

    expect(await waitUntilRelayed(dataSource, schema, 10_000)).toBe(true);
    const after = await relayedAt();
    expect(after).toHaveLength(before.length);
    after.forEach((line, index) => expect(line).not.toEqual(before[index]));
  });
});
