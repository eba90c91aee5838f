import { uniqueName, waitFor } from '@validity/testing';

const apiUrl = process.env.SYSTEM_API_URL!;
const adminToken = process.env.SYSTEM_ADMIN_TOKEN!;
const webhooks = `${apiUrl}extras/webhooks/`;

async function send(
  body: string | Buffer,
  headers: Record<string, string> = {},
  url = webhooks,
  method = 'POST',
) {
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Token ${adminToken}`, 'Content-Type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

// Every webhook this spec tries to create starts with this prefix, so "nothing written" can be checked
// while other specs write to the same stack.
const prefix = uniqueName('bad-input');
let attempt = 0;

async function webhooksOfThisSpec(): Promise<number> {
  const response = await fetch(`${webhooks}?limit=1&name__isw=${prefix}`, {
    headers: { Authorization: `Token ${adminToken}` },
  });
  return ((await response.json()) as { count: number }).count;
}

function validWebhook(overrides: Record<string, unknown> = {}) {
  const name = `${prefix}-${(attempt += 1)}`;
  return {
    name,
    content_types: ['validity.compliancereport'],
    type_create: true,
    payload_url: `http://127.0.0.1:9/${name}/`,
    ...overrides,
  };
}

describe('bad input through the gateway: a clear NetBox-shaped error and nothing written', () => {
  afterAll(async () => {
    expect(await webhooksOfThisSpec()).toBe(0);
  });

  it('malformed JSON → 400 with the parser message', async () => {
    const answer = await send('{"name": ');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ detail: expect.stringMatching(/^JSON parse error - /) as unknown });
  });

  it('wrong types → 400 naming each field', async () => {
    const answer = await send(
      JSON.stringify(validWebhook({ type_create: 'maybe', content_types: 'x', name: 7 })),
    );
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body as object).sort()).toEqual(['content_types', 'type_create']);
  });

  it('a body over the 32 MiB limit → 413 naming the limit', async () => {
    const answer = await send(Buffer.alloc(33 * 1024 * 1024, 0x20));
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ detail: expect.stringContaining('33554432') as unknown });
  });

  it('an unsupported content type → 415 with DRF’s text', async () => {
    const answer = await send('name=x', { 'Content-Type': 'text/plain' });
    expect(answer).toEqual({
      status: 415,
      body: { detail: 'Unsupported media type "text/plain" in request.' },
    });
  });

  it('invalid conditions, including ones that crash NetBox 3.6 → 400 on `conditions`', async () => {
    for (const conditions of [
      [{ attr: 'x', value: 1 }],
      { and: [{ attr: 'x', value: 1, foo: 1 }] },
      { AND: [] },
    ]) {
      const answer = await send(JSON.stringify(validWebhook({ conditions })));
      expect({ conditions, status: answer.status, keys: Object.keys(answer.body as object) }).toEqual({
        conditions,
        status: 400,
        keys: ['conditions'],
      });
    }
  });

  it('missing, invalid and read-only tokens → 403 with NetBox’s detail', async () => {
    const missing = await fetch(webhooks, {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect([missing.status, await missing.json()]).toEqual([
      403,
      { detail: 'Authentication credentials were not provided.' },
    ]);
    const invalid = await send(JSON.stringify(validWebhook()), { Authorization: `Token ${'f'.repeat(40)}` });
    expect(invalid).toEqual({ status: 403, body: { detail: 'Invalid token' } });

    const token = (await send(JSON.stringify({ write_enabled: false }), {}, `${apiUrl}users/tokens/`))
      .body as { id: number; key: string };
    try {
      // Services learn new tokens from the users.tokens topic; wait out that (sub-second) propagation.
      const readOnly = await waitFor('the registry to know the new token', async () => {
        const answer = await send(JSON.stringify(validWebhook()), { Authorization: `Token ${token.key}` });
        return (answer.body as { detail?: string }).detail === 'Invalid token' ? undefined : answer;
      });
      expect(readOnly).toEqual({
        status: 403,
        body: { detail: 'You do not have permission to perform this action.' },
      });
    } finally {
      await fetch(`${apiUrl}users/tokens/${token.id}/`, {
        method: 'DELETE',
        headers: { Authorization: `Token ${adminToken}` },
      });
    }
  });
});
