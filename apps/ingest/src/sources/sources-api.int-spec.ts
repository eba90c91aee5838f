import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import type { IngestConfig } from '../config';

describe('/api/ingest/sources/: NetBox sources, NetBox-style', () => {
  let service: TestService;

  beforeAll(async () => {
    const config: IngestConfig = {
      ...testServiceConfig('ingest'),
      ingest: {
        bodyLimitBytes: 65_536,
        ratePerSecond: 10,
        rateBurst: 10,
        dedupWindowSeconds: 3600,
        publishTimeoutMs: 5000,
      },
    };
    service = await startTestService(AppModule.register(config), config);
  });
  afterAll(() => service?.close());

  const call = async (method: string, path: string, body?: unknown, auth: string | null = service.auth) => {
    const response = await fetch(`${service.url}/api/ingest/sources/${path}`, {
      method,
      headers: { ...(auth === null ? {} : { Authorization: auth }), 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
    };
  };

  it('creates a source (201, Location, the secret shown once), then shows it masked', async () => {
    const name = uniqueName('nb');
    const created = await call('POST', '', {
      name: `  ${name} `,
      secret: 'abc',
      netbox_url: 'https://nb.example',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name,
      display: name,
      secret: 'abc',
      enabled: true,
      description: '',
      netbox_url: 'https://nb.example',
    });
    expect(created.headers.get('location')).toBe(created.body!.url);

    const id = created.body!.id as number;
    expect((await call('GET', `${id}/`)).body).toMatchObject({ id, secret: '********' });
    expect((await call('GET', `${id}/?brief=1`)).body).toEqual({
      id,
      url: created.body!.url,
      display: name,
      name,
    });
    const listed = await call('GET', `?name=${name}`);
    expect(listed.body).toMatchObject({
      count: 1,
      next: null,
      previous: null,
      results: [{ id, secret: '********' }],
    });

    const patched = await call('PATCH', `${id}/`, { enabled: 'false', description: 'lab' });
    expect(patched.body).toMatchObject({ enabled: false, description: 'lab', secret: 'abc' });
    expect((await call('DELETE', `${id}/`)).status).toBe(204);
    expect(await call('GET', `${id}/`)).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
  });

  it("refuses bad input with DRF's messages, per field", async () => {
    expect(await call('POST', '', {})).toMatchObject({
      status: 400,
      body: { name: ['This field is required.'], secret: ['This field is required.'] },
    });
    expect(
      await call('POST', '', { name: 'a b', secret: '', enabled: 'maybe', netbox_url: 'ftp://x' }),
    ).toMatchObject({
      status: 400,
      body: {
        name: ['Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.'],
        secret: ['This field may not be blank.'],
        enabled: ['Must be a valid boolean.'],
        netbox_url: ['Enter a valid URL.'],
      },
    });
    const name = uniqueName('nb');
    expect((await call('POST', '', { name, secret: 's' })).status).toBe(201);
    expect(await call('POST', '', { name, secret: 's' })).toMatchObject({
      status: 400,
      body: { name: ['source with this name already exists.'] },
    });
  });

  it('needs a token, and a write token for writes (403, NetBox texts)', async () => {
    expect(await call('GET', '', undefined, null)).toMatchObject({
      status: 403,
      body: { detail: 'Authentication credentials were not provided.' },
    });
    expect(
      await call(
        'POST',
        '',
        { name: uniqueName('nb'), secret: 's' },
        'Token 0000000000000000000000000000000000000000',
      ),
    ).toMatchObject({
      status: 403,
      body: { detail: 'Invalid token' },
    });
  });
});
