import { connect } from 'node:net';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aWebhookBody, uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import { webhookApi, type WebhookBody } from './testing/webhook-api';

const UNSAFE_CLASS =
  "Unsafe template: .__class__ (line 1) names a private member; names starting with '_' are not allowed.";
const HOST_ON_LINE_2 = "Line 2: 'Host' cannot be set: the request goes to payload_url's host.";

describe('/api/extras/webhooks/ refuses templates and headers that can never be delivered, writing nothing', () => {
  let service: TestService;
  let api: ReturnType<typeof webhookApi>;
  // Every webhook of this spec is named with this prefix, so "nothing written" is a count of them.
  const prefix = uniqueName('bad-template');
  let attempt = 0;
  const fresh = (overrides: WebhookBody = {}) => {
    const name = `${prefix}-${(attempt += 1)}`;
    return aWebhookBody({ name, payload_url: `http://receiver.example/${name}/`, ...overrides });
  };
  const namesOfThisSpec = async () =>
    ((await api.get<{ results: WebhookBody[] }>(`?name__isw=${prefix}&limit=0`)).body.results ?? []).map(
      (webhook) => webhook.name,
    );

  beforeAll(async () => {
    const config = testServiceConfig('webhook-registry');
    service = await startTestService(AppModule.register(config), config);
    api = webhookApi(service);
  });
  afterAll(async () => {
    try {
      // The webhooks the specs below create on purpose delete themselves; a refused one must not exist.
      expect(await namesOfThisSpec()).toEqual([]);
    } finally {
      await service.close();
    }
  });

  describe('create', () => {
    it.each<[string, WebhookBody, Record<string, string[]>]>([
      [
        'an unsafe body_template',
        { body_template: '{{ data.__class__ }}' },
        { body_template: [UNSAFE_CLASS] },
      ],
      [
        'an unsafe item access in body_template',
        { body_template: "{{ data['__globals__'] }}" },
        {
          body_template: [
            "Unsafe template: ['__globals__'] (line 1) names a private member; names starting with '_' are not allowed.",
          ],
        },
      ],
      [
        'a body_template that does not parse',
        { body_template: '{\n  "id": {{ data.id }},\n{% for t in data.tags %}' },
        {
          body_template: [
            "Template syntax error: unexpected end of template, expected 'else' or 'endfor' (line 3)",
          ],
        },
      ],
      [
        'a payload_url template that does not parse',
        { payload_url: 'http://receiver.example/{{ data.id }' },
        { payload_url: ["Template syntax error: unexpected '}' (line 1)"] },
      ],
      [
        'a framing header after a CR/LF',
        { additional_headers: 'X-Report: {{ data.id }}\r\nHost: internal.example' },
        { additional_headers: [HOST_ON_LINE_2] },
      ],
      [
        'a header line after a bare CR that is not Name: value',
        { additional_headers: 'X-A: 1\rX-B 2\nContent-Length: 0' },
        {
          additional_headers: [
            "Line 2: no ':'; each line must be 'Name: value'.",
            "Line 3: 'Content-Length' cannot be set: the dispatcher frames the body itself.",
          ],
        },
      ],
      [
        'a cloud metadata address',
        { payload_url: 'http://169.254.169.254/latest/meta-data/' },
        {
          payload_url: [
            '169.254.169.254 is a link-local or cloud metadata address (allow it with DELIVERY_ALLOW_NETWORKS).',
          ],
        },
      ],
      [
        'an IPv6 metadata address',
        { payload_url: 'http://[fd00:ec2::254]/' },
        {
          payload_url: [
            'fd00:ec2::254 is a link-local or cloud metadata address (allow it with DELIVERY_ALLOW_NETWORKS).',
          ],
        },
      ],
    ])('answers %s with 400 naming the field', async (_case, overrides, errors) => {
      const answer = await api.post(fresh(overrides));
      expect([answer.status, answer.body]).toEqual([400, errors]);
    });

    it('answers NetBox’s own refusal, unchanged, before looking at templates', async () => {
      const answer = await api.post(fresh({ type_create: false, body_template: '{{ data.__class__ }}' }));
      expect([answer.status, answer.body]).toEqual([
        400,
        {
          __all__: [
            'At least one event type must be selected: create, update, delete, job_start, and/or job_end.',
          ],
        },
      ]);
    });

    it('answers a bulk create with errors aligned with the input, and creates none of it', async () => {
      const good = fresh();
      const answer = await api.post([good, fresh({ body_template: '{{ data.__class__ }}' }), fresh()]);
      expect([answer.status, answer.body]).toEqual([400, [{}, { body_template: [UNSAFE_CLASS] }, {}]]);
      expect((await api.get(`?name=${good.name as string}`)).body).toMatchObject({ count: 0 });
    });

    it('stores templates that can be rendered, header lines with markup included', async () => {
      const answer = await api.post(
        fresh({
          payload_url: 'http://receiver.example/{{ data.id }}/',
          additional_headers: "X-Report: {{ data.id }}\n{{ 'X-' ~ model }}: 1\nAuthorization: Token abc\n",
          body_template:
            '{"event": "{{ event }}", "names": {{ data.tags | map(attribute="name") | list | tojson }}}',
        }),
      );
      expect(answer.status).toBe(201);
      await api.delete(`${(answer.body as { id: number }).id}/`);
    });
  });

  it('refuses a PATCH to a metadata address, and keeps private receivers (DELIVERY_BLOCK_PRIVATE is off)', async () => {
    const stored = await api.create(fresh({ payload_url: 'http://10.1.2.3/hook' }));
    try {
      const patch = await api.patch(`${stored.id}/`, { payload_url: 'http://[fe80::1]/' });
      expect([patch.status, patch.body]).toEqual([
        400,
        {
          payload_url: [
            'fe80::1 is a link-local or cloud metadata address (allow it with DELIVERY_ALLOW_NETWORKS).',
          ],
        },
      ]);
    } finally {
      await api.delete(`${stored.id}/`);
    }
  });

  describe('update', () => {
    let stored: WebhookBody & { id: number };
    beforeAll(async () => {
      stored = await api.create(fresh({ additional_headers: 'X-A: 1', body_template: '{{ data.id }}' }));
    });
    afterAll(() => api.delete(`${stored.id}/`));

    it('refuses a PATCH and a PUT with a bad template and leaves the webhook as it was', async () => {
      const patch = await api.patch(`${stored.id}/`, {
        additional_headers: 'X-A: 1\r\nHost: internal.example',
      });
      expect([patch.status, patch.body]).toEqual([400, { additional_headers: [HOST_ON_LINE_2] }]);
      const put = await api.put(`${stored.id}/`, { ...stored, body_template: '{{ data.__class__ }}' });
      expect([put.status, put.body]).toEqual([400, { body_template: [UNSAFE_CLASS] }]);
      expect((await api.get(`${stored.id}/`)).body).toEqual(stored);
    });

    it('refuses a bulk PATCH at the bad object, changing none', async () => {
      const answer = await api.patch('', [
        { id: stored.id, enabled: false },
        { id: stored.id, body_template: '{% if %}' },
      ]);
      expect([answer.status, answer.body]).toEqual([
        400,
        { body_template: ['Template syntax error: unexpected end of expression (line 1)'] },
      ]);
      expect((await api.get(`${stored.id}/`)).body).toEqual(stored);
    });
  });

  describe('the HTTP edge', () => {
    it('answers a request with a bare CR in a header with a JSON 400 instead of an empty one', async () => {
      const { port } = new URL(service.url);
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.write(
            `POST /api/extras/webhooks/ HTTP/1.1\r\nHost: x\r\nAuthorization: ${service.auth}\r\n` +
              'Content-Type: application/json\r\nX-Injected: a\rHost: y\r\nContent-Length: 2\r\n\r\n{}',
          ),
        );
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString('latin1')));
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
  });
});
