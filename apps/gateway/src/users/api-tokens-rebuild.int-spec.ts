import { DataSource } from 'typeorm';
import { rebuildProjections } from '@validity/platform/event-store';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import type { GatewayConfig } from '../config';
import { ApiTokenProjection } from './store/api-token-projection';
import { ApiTokenTable } from './store/api-token-table';

describe('the tokens read model rebuilt from the event store', () => {
  let service: TestService;
  let dataSource: DataSource;

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${service.url}/api/users/tokens/${path}`, {
      method,
      headers: { authorization: service.auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json().catch(() => null)) as { id: number; key: string },
    };
  };

  const rebuild = () => {
    const schema = service.config.database.schema;
    return rebuildProjections(dataSource, schema, [
      new ApiTokenProjection(schema, new ApiTokenTable(schema)),
    ]);
  };

  /** Every answer a reader can get, as the exact bytes the API sends. */
  const answers = async (ids: readonly number[]): Promise<string[]> => {
    const paths = ['', '?brief=1', '?write_enabled=false', '?q=rebuild', ...ids.map((id) => `${id}/`)];
    return Promise.all(
      paths.map(async (path) => {
        const response = await fetch(`${service.url}/api/users/tokens/${path}`, {
          headers: { authorization: service.auth },
        });
        return `${path} ${response.status} ${await response.text()}`;
      }),
    );
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
    dataSource = service.app.get(DataSource);
  });
  afterAll(() => service?.close());

  it('answers byte for byte as before, and later writes continue the same streams and ids', async () => {
    const ids: number[] = [];
    const keys: string[] = [];
    for (const body of [
      { description: `rebuild ${uniqueName('a')} caf\u00e9` },
      { description: 'rebuild b', write_enabled: false, expires: '2031-02-03T04:05:06.789Z' },
      { description: 'rebuild c' },
    ]) {
      const created = await call('POST', '', body);
      expect(created.status).toBe(201);
      ids.push(created.body.id);
      keys.push(created.body.key);
    }
    expect(
      (await call('PATCH', `${ids[0]}/`, { description: 'rebuild renamed', expires: null })).status,
    ).toBe(200);
    expect((await call('PATCH', `${ids[1]}/`, { write_enabled: true })).status).toBe(200);
    expect((await call('DELETE', `${ids[2]}/`)).status).toBe(204);
    const before = await answers(ids);

    const summary = await rebuild();

    expect(summary.events).toBeGreaterThanOrEqual(7);
    expect(await answers(ids)).toEqual(before);
    // The revoked token's key is still taken, as it was before the rebuild ...
    expect(await call('POST', '', { key: keys[2] })).toEqual({
      status: 400,
      body: { key: ['token with this key already exists.'] },
    });
    // ... the rebuilt rows continue their streams (a stale decision would make this 409) ...
    expect((await call('PATCH', `${ids[1]}/`, { write_enabled: false })).status).toBe(200);
    // ... and the sequence was kept: a new token does not reuse the revoked one's id.
    const next = await call('POST', '', { description: 'rebuild d' });
    expect(next.body.id).toBeGreaterThan(ids[2]);
  });
});
