import { join } from 'node:path';
import { runPythonClient } from '@validity/testing';

const apiUrl = process.env.SYSTEM_API_URL!;
const adminToken = process.env.SYSTEM_ADMIN_TOKEN!;
const baseUrl = apiUrl.replace(/\/api\/$/, '');

describe('the gateway, one base URL', () => {
  it('answers the API root and /api/status/ without a token, with API-Version 3.6', async () => {
    const root = await fetch(apiUrl);
    expect(root.status).toBe(200);
    expect(root.headers.get('api-version')).toBe('3.6');
    expect(await root.json()).toEqual({
      extras: `${apiUrl}extras/`,
      plugins: `${apiUrl}plugins/`,
      status: `${apiUrl}status/`,
      users: `${apiUrl}users/`,
    });

    const status = (await (await fetch(`${apiUrl}status/`)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({
      'netbox-version': '3.6',
      'rq-workers-running': 1,
      kafka: 'ok',
      postgres: 'ok',
      services: {
        reports: { status: 'ok' },
        'webhook-registry': { status: 'ok' },
        dispatcher: { status: 'ok' },
        ingest: { status: 'ok' },
      },
    });
  });

  it('answers its own routes only with a token: 403 with NetBox texts otherwise', async () => {
    const missing = await fetch(`${apiUrl}users/tokens/`);
    expect([missing.status, await missing.json()]).toEqual([
      403,
      { detail: 'Authentication credentials were not provided.' },
    ]);
    const invalid = await fetch(`${apiUrl}users/tokens/`, {
      headers: { Authorization: `Token ${'0'.repeat(40)}` },
    });
    expect([invalid.status, await invalid.json()]).toEqual([403, { detail: 'Invalid token' }]);
  });

  it('routes each service prefix to its service (a NetBox answer from the service, not a gateway 502)', async () => {
    // Without a token each service answers its own 403; the gateway has no route there.
    for (const path of ['plugins/validity/reports/', 'extras/webhooks/', 'extras/webhook-deliveries/']) {
      const response = await fetch(`${apiUrl}${path}`);
      expect({ path, status: response.status, body: await response.json() }).toEqual({
        path,
        status: 403,
        body: { detail: 'Authentication credentials were not provided.' },
      });
      expect(response.headers.get('api-version')).toBe('3.6');
    }
  });

  it('gives the same X-Request-ID the client sent back through the proxy', async () => {
    const requestId = '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11';
    const response = await fetch(`${apiUrl}users/tokens/`, {
      headers: { Authorization: `Token ${adminToken}`, 'X-Request-ID': requestId },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);
  });

  it('works unchanged with pynetbox: version, status, token CRUD, read-only and deleted tokens', () => {
    const seen = runPythonClient<Record<string, unknown>>(join(__dirname, 'clients', 'pynetbox_tokens.py'), {
      NB_URL: baseUrl,
      NB_TOKEN: adminToken,
    });
    const created = seen.created as { id: number; key_length: number; display: string };
    expect(seen).toMatchObject({
      version: '3.6',
      created: { key_length: 40, write_enabled: false, user: 'admin' },
      saved: true,
      description_after_save: 'renamed',
      filtered_ids: [created.id],
      read_only_can_list: true,
      read_only_write: {
        status: 403,
        body: { detail: 'You do not have permission to perform this action.' },
      },
      deleted: true,
      deleted_token_read: { status: 403, body: { detail: 'Invalid token' } },
    });
    expect(seen.status_keys).toEqual(
      expect.arrayContaining(['netbox-version', 'plugins', 'rq-workers-running']),
    );
    expect(seen.listed_ids).toContain(created.id);
    expect(created.display).toMatch(/^\*{10}[0-9a-f]{6}$/);
  });
  it('serves one OpenAPI document for every service at /api/schema/ and Swagger UI at /api/docs/', async () => {
    const schema = (await (await fetch(`${apiUrl}schema/`)).json()) as { openapi: string; paths: object };
    expect(schema.openapi).toMatch(/^3\./);
    expect(Object.keys(schema.paths)).toEqual(
      expect.arrayContaining(['/api/', '/api/status/', '/api/users/tokens/']),
    );
    expect(Object.keys(schema.paths).every((path) => path.endsWith('/'))).toBe(true);

    const docs = await fetch(`${apiUrl}docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
    const init = await (await fetch(`${apiUrl}docs/swagger-ui-init.js`)).text();
    expect(init).toContain('"url": "/api/schema/"');
  });
});
