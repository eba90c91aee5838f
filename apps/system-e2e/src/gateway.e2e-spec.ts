import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
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

  it('answers every link of GET /api/ and of the app roots, without a token, as NetBox lists them', async () => {
    const get = async (url: string) => {
      const response = await fetch(url);
      return { status: response.status, body: (await response.json()) as Record<string, string> };
    };
    expect(await get(`${apiUrl}extras/`)).toEqual({
      status: 200,
      body: {
        'webhook-deliveries': `${apiUrl}extras/webhook-deliveries/`,
        webhooks: `${apiUrl}extras/webhooks/`,
      },
    });
    expect(await get(`${apiUrl}users/`)).toEqual({ status: 200, body: { tokens: `${apiUrl}users/tokens/` } });
    expect(await get(`${apiUrl}plugins/`)).toEqual({
      status: 200,
      body: {
        'installed-plugins': `${apiUrl}plugins/installed-plugins/`,
        validity: `${apiUrl}plugins/validity/`,
      },
    });
    expect(await get(`${apiUrl}plugins/validity/`)).toEqual({
      status: 200,
      body: {
        reports: `${apiUrl}plugins/validity/reports/`,
        selectors: `${apiUrl}plugins/validity/selectors/`,
        'test-results': `${apiUrl}plugins/validity/test-results/`,
        tests: `${apiUrl}plugins/validity/tests/`,
      },
    });
    const installed = await fetch(`${apiUrl}plugins/installed-plugins/`, {
      headers: { Authorization: `Token ${adminToken}` },
    });
    expect(await installed.json()).toEqual([
      expect.objectContaining({ package: 'validity', version: '2.3.3' }),
    ]);
    // Every link of every root answers (with a token where the endpoint needs one).
    for (const root of ['', 'extras/', 'users/', 'plugins/', 'plugins/validity/']) {
      for (const link of Object.values((await get(`${apiUrl}${root}`)).body)) {
        const response = await fetch(link, { headers: { Authorization: `Token ${adminToken}` } });
        expect({ link, status: response.status }).toEqual({ link, status: 200 });
      }
    }
  });

  it("answers 405 with Allow to other methods on the roots and status, OPTIONS without a token, NetBox's headers", async () => {
    for (const path of ['', 'status/', 'extras/', 'plugins/validity/']) {
      const response = await fetch(`${apiUrl}${path}`, { method: 'POST' });
      expect({
        path,
        status: response.status,
        allow: response.headers.get('allow'),
        body: await response.json(),
      }).toEqual({
        path,
        status: 405,
        allow: 'GET, HEAD, OPTIONS',
        body: { detail: 'Method "POST" not allowed.' },
      });
    }
    const options = await fetch(`${apiUrl}extras/webhooks/`, { method: 'OPTIONS' });
    const metadata = (await options.json()) as Record<string, unknown>;
    expect([options.status, options.headers.get('allow')]).toEqual([
      200,
      'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
    ]);
    expect(metadata).toMatchObject({
      name: 'Webhook List',
      parses: ['application/json', 'multipart/form-data'],
    });
    expect(metadata).not.toHaveProperty('actions');
    const withToken = (await (
      await fetch(`${apiUrl}extras/webhooks/`, {
        method: 'OPTIONS',
        headers: { Authorization: `Token ${adminToken}` },
      })
    ).json()) as Record<string, unknown>;
    expect(withToken).toHaveProperty('actions.POST.name');

    const root = await fetch(apiUrl);
    expect({
      contentType: root.headers.get('content-type'),
      vary: root.headers.get('vary'),
      frame: root.headers.get('x-frame-options'),
      sniff: root.headers.get('x-content-type-options'),
      referrer: root.headers.get('referrer-policy'),
      opener: root.headers.get('cross-origin-opener-policy'),
    }).toEqual({
      contentType: 'application/json',
      vary: 'Accept, Cookie, origin',
      frame: 'SAMEORIGIN',
      sniff: 'nosniff',
      referrer: 'same-origin',
      opener: 'same-origin',
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
    // Run the page's init script with a stand-in for Swagger UI and apply Swagger UI's own rule (a
    // `spec` with keys is shown as is, otherwise `url` is fetched): the UI must load the merged document.
    let uiOptions: { url?: string; spec?: object } = {};
    runInNewContext(`${init}\nwindow.onload();`, {
      window: { location: { search: '', origin: baseUrl } },
      SwaggerUIBundle: Object.assign((options: typeof uiOptions) => ((uiOptions = options), {}), {
        presets: { apis: {} },
        plugins: { DownloadUrl: {} },
      }),
      SwaggerUIStandalonePreset: {},
    });
    expect(Object.keys(uiOptions.spec ?? {})).toEqual([]);
    const shown = (await (await fetch(new URL(uiOptions.url!, baseUrl))).json()) as { paths: object };
    expect(Object.keys(shown.paths)).toEqual(
      expect.arrayContaining([
        '/api/users/tokens/',
        '/api/plugins/validity/reports/',
        '/api/extras/webhooks/',
        '/api/extras/webhook-deliveries/',
      ]),
    );
  });
});
