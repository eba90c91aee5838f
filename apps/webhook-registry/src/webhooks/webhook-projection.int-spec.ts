import { DataSource } from 'typeorm';
import { rebuildProjections } from '@validity/platform/event-store';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aWebhookBody, uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import { WebhookProjection } from './store/webhook-projection';
import { WebhookTable } from './store/webhook-table';
import { webhookApi } from './testing/webhook-api';

describe('the webhooks read model rebuilt from the event store', () => {
  let service: TestService;
  let api: ReturnType<typeof webhookApi>;
  let dataSource: DataSource;

  const rebuild = () => {
    const schema = service.config.database.schema;
    return rebuildProjections(dataSource, schema, [new WebhookProjection(schema, new WebhookTable(schema))]);
  };

  /** Every answer a reader can get, as the exact bytes the API sends. */
  const answers = async (ids: readonly number[]): Promise<string[]> => {
    const paths = ['', '?brief=1', '?ordering=-name', ...ids.map((id) => `${id}/`)];
    return Promise.all(
      paths.map(async (path) => {
        const response = await fetch(`${api.listUrl}${path}`, { headers: { Authorization: service.auth } });
        return `${path} ${response.status} ${await response.text()}`;
      }),
    );
  };

  beforeAll(async () => {
    const config = testServiceConfig('webhook-registry');
    service = await startTestService(AppModule.register(config), config);
    api = webhookApi(service);
    dataSource = service.app.get(DataSource);
  });
  afterAll(async () => {
    await service.close();
  });

  it('answers byte for byte as before, and later writes continue the same streams and ids', async () => {
    const ids: number[] = [];
    for (const overrides of [
      {
        secret: 's3cr3t',
        additional_headers: 'X-Team: core',
        conditions: { and: [{ attr: 'total_passed', value: 0, op: 'gt' }] },
      },
      { type_update: true, timeout: 30, ca_file_path: '/etc/ssl/ca.pem', enabled: false },
      { body_template: '{"id": {{ data.id }}}', http_method: 'PUT' },
    ]) {
      const created = await api.post<{ id: number }>(aWebhookBody(overrides));
      expect({ status: created.status, body: created.body }).toMatchObject({ status: 201 });
      ids.push(created.body.id);
    }
    expect((await api.patch(`${ids[0]}/`, { name: uniqueName('renamed'), secret: '' })).status).toBe(200);
    expect((await api.patch(`${ids[1]}/`, { enabled: true })).status).toBe(200);
    expect((await api.delete(`${ids[2]}/`)).status).toBe(204);
    const before = await answers(ids);

    const summary = await rebuild();

    expect(summary.events).toBeGreaterThanOrEqual(10);
    expect(await answers(ids)).toEqual(before);
    // The rebuilt rows carry their streams' versions (a stale one would make this 409) ...
    expect((await api.patch(`${ids[1]}/`, { enabled: false })).status).toBe(200);
    // ... and the sequence was kept: a new webhook does not reuse the deleted one's id.
    const next = await api.post<{ id: number }>(aWebhookBody());
    expect(next.body.id).toBeGreaterThan(ids[2]);
  });
});
