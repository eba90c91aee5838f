import { connect } from 'node:net';
import { aWebhookBody, uniqueName, waitFor } from '@validity/testing';

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
  return aWebhookBody({ name, payload_url: `http://127.0.0.1:9/${name}/`, ...overrides });
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

  it('a body_template that escapes the sandbox → 400 on `body_template` naming the construct', async () => {
    for (const body_template of [
      '{{ data.__class__ }}',
      "{{ ''.__class__.__mro__ }}",
      "{{ x['__globals__'] }}",
    ]) {
      const answer = await send(JSON.stringify(validWebhook({ body_template })));
      expect({ body_template, status: answer.status, body: answer.body }).toEqual({
        body_template,
        status: 400,
        body: {
          body_template: [expect.stringMatching(/^Unsafe template: \S+ \(line 1\) names a private member/)],
        },
      });
    }
  });

  it('a body_template that does not parse → 400 with the syntax error and its line', async () => {
    const answer = await send(
      JSON.stringify(validWebhook({ body_template: '{\n  "id": {{ data.id }}\n{% if data.id %}' })),
    );
    expect(answer).toEqual({
      status: 400,
      body: {
        body_template: [
          "Template syntax error: unexpected end of template, expected 'elif' or 'else' or 'endif' (line 3)",
        ],
      },
    });
  });

  it('additional_headers with a bad line or a framing header after a CR/LF → 400 naming the line', async () => {
    const cases: Array<[string, string]> = [
      ['X-Report: {{ data.id }}\r\nX-Broken header', "Line 2: no ':'; each line must be 'Name: value'."],
      [
        'X-A: 1\r\nTransfer-Encoding: chunked',
        "Line 2: 'Transfer-Encoding' cannot be set: the dispatcher frames the body itself.",
      ],
      [
        'X-A: 1\rHost: internal.example',
        "Line 2: 'Host' cannot be set: the request goes to payload_url's host.",
      ],
      ['X-A: 1\n\nContent-Length: 0', "Line 2: empty line; each line must be 'Name: value'."],
    ];
    for (const [additional_headers, message] of cases) {
      const answer = await send(JSON.stringify(validWebhook({ additional_headers })));
      expect({ additional_headers, ...answer }).toEqual({
        additional_headers,
        status: 400,
        body: { additional_headers: expect.arrayContaining([message]) as unknown },
      });
    }
  });

  it('a request Node’s HTTP parser refuses (a bare CR in a header) → JSON 400 from the gateway', async () => {
    const { hostname, port } = new URL(apiUrl);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () =>
        socket.write(
          `POST /api/extras/webhooks/ HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Token ${adminToken}\r\n` +
            'Content-Type: application/json\r\nX-Smuggled: a\rTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n{}',
        ),
      );
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head.split('\r\n')).toEqual([
      'HTTP/1.1 400 Bad Request',
      'Content-Type: application/json',
      `Content-Length: ${body.length}`,
      'Connection: close',
    ]);
    expect(JSON.parse(body)).toEqual({ detail: 'Bad request: invalid HTTP header' });
  });

  it('a body nested deeper than 128 levels → 400 parse error, on every service (was a 500 on reports)', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const detail = 'JSON parse error - Maximum nesting depth of 128 arrays and objects exceeded';
    for (const path of [
      'extras/webhooks/',
      'plugins/validity/reports/',
      'plugins/validity/tests/',
      'users/tokens/',
    ]) {
      const answer = await send(
        `{"results": [{"explanation": ${deep}}], "name": ${deep}}`,
        {},
        `${apiUrl}${path}`,
      );
      expect({ path, ...answer }).toEqual({ path, status: 400, body: { detail } });
    }
  });

  it('text with an unpaired UTF-16 surrogate → 400 naming the field, on every service', async () => {
    const cases: Array<[string, string, string]> = [
      ['extras/webhooks/', JSON.stringify(validWebhook()).replace(/"name": ?"/, '"name": "\\ud800'), 'name'],
      ['plugins/validity/tests/', '{"name": "ntp\\udc00", "description": "x"}', 'name'],
      ['users/tokens/', '{"description": "\\ud83d", "write_enabled": false}', 'description'],
      [
        'plugins/validity/reports/',
        '{"results": [{"test": 1, "device": {"name": "r1"}, "passed": true, "explanation": [["\\udfff"]]}]}',
        'results',
      ],
    ];
    for (const [path, body, field] of cases) {
      const answer = await send(body, {}, `${apiUrl}${path}`);
      expect({ path, status: answer.status, fields: Object.keys(answer.body as object) }).toEqual({
        path,
        status: 400,
        fields: [field],
      });
      expect(Object.values(answer.body as object)[0]).toEqual([
        expect.stringMatching(/^Surrogate characters are not allowed: U\+D[89A-F][0-9A-F]{2}\.$/),
      ]);
    }
  });

  it('ids in paths that are not canonical integers → 404, where the canonical id answers 200', async () => {
    const created = await send(
      JSON.stringify({ description: `${prefix}-ids`, write_enabled: false }),
      {},
      `${apiUrl}users/tokens/`,
    );
    const tokenId = (created.body as { id: number }).id;
    try {
      const get = (path: string) =>
        fetch(`${apiUrl}${path}`, { headers: { Authorization: `Token ${adminToken}` } }).then(
          (response) => response.status,
        );
      expect(await get(`users/tokens/${tokenId}/`)).toBe(200);
      for (const bad of [
        `0${tokenId}`,
        `+${tokenId}`,
        `%20${tokenId}`,
        `${tokenId}e0`,
        `${tokenId}.0`,
        '0x1',
      ]) {
        for (const collection of [
          'users/tokens/',
          'extras/webhooks/',
          'extras/webhook-deliveries/',
          'plugins/validity/tests/',
          'plugins/validity/reports/',
          'plugins/validity/test-results/',
        ]) {
          expect({ path: `${collection}${bad}/`, status: await get(`${collection}${bad}/`) }).toEqual({
            path: `${collection}${bad}/`,
            status: 404,
          });
        }
      }
    } finally {
      await fetch(`${apiUrl}users/tokens/${tokenId}/`, {
        method: 'DELETE',
        headers: { Authorization: `Token ${adminToken}` },
      });
    }
  });

  it('a payload_url at a cloud metadata or link-local address → 400 naming payload_url', async () => {
    for (const payload_url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]:8080/',
    ]) {
      const answer = await send(JSON.stringify(validWebhook({ payload_url })));
      expect({ payload_url, status: answer.status, body: answer.body }).toEqual({
        payload_url,
        status: 400,
        body: { payload_url: [expect.stringContaining('link-local or cloud metadata address')] },
      });
    }
  });

  it('a regex condition the linear-time engine cannot evaluate (backreference, lookahead) → 400 on `conditions`', async () => {
    for (const value of ['(a)\\1', '(?=a)a', 'a$b']) {
      const conditions = { and: [{ attr: 'name', op: 'regex', value }] };
      const answer = await send(JSON.stringify(validWebhook({ conditions })));
      expect({ value, status: answer.status, body: answer.body }).toEqual({
        value,
        status: 400,
        body: { conditions: [expect.stringMatching(/^Unsupported regular expression /)] },
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
