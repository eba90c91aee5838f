import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aWebhookBody, uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import { webhookApi, type WebhookBody } from './testing/webhook-api';

/** NetBox 3.6's WebhookSerializer keys, in order, plus `timeout` where NetBox 4.7 has it. */
const REPRESENTATION_KEYS = [
  'id',
  'url',
  'display',
  'content_types',
  'name',
  'type_create',
  'type_update',
  'type_delete',
  'type_job_start',
  'type_job_end',
  'payload_url',
  'enabled',
  'http_method',
  'http_content_type',
  'additional_headers',
  'body_template',
  'secret',
  'conditions',
  'ssl_verification',
  'ca_file_path',
  'timeout',
  'ordering',
  'rate_limit_per_second',
  'client_cert_path',
  'client_key_path',
  'asymmetric_signature',
  // Issue 18's read-only delivery state.
  'secret_rotated_at',
  'secret_overlap_ends',
  'disabled_reason',
  'custom_fields',
  'tags',
  'created',
  'last_updated',
];

const REST_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/;
const NO_EVENT_TYPE =
  'At least one event type must be selected: create, update, delete, job_start, and/or job_end.';
const DUPLICATE_URL = 'Webhook with this URL, On create, On update and On delete already exists.';

describe('/api/extras/webhooks/ on the registry (NetBox 3.6 checklist)', () => {
  let service: TestService;
  let api: ReturnType<typeof webhookApi>;
  beforeAll(async () => {
    const config = testServiceConfig('webhook-registry');
    service = await startTestService(AppModule.register(config), config);
    api = webhookApi(service);
  });
  afterAll(() => service.close());

  describe('routes and representation', () => {
    it('creates the Validity doc webhook: 201, Location = url, NetBox key order, types and defaults', async () => {
      const answer = await api.post(aWebhookBody());
      const body = answer.body as WebhookBody & { id: number };
      expect(answer.status).toBe(201);
      expect(answer.headers.get('location')).toBe(body.url);
      expect(Object.keys(body)).toEqual(REPRESENTATION_KEYS);
      expect(body).toEqual({
        id: expect.any(Number),
        url: `${service.url}/api/extras/webhooks/${body.id}/`,
        display: body.name,
        content_types: ['validity.compliancereport'],
        name: body.name,
        type_create: true,
        type_update: false,
        type_delete: false,
        type_job_start: false,
        type_job_end: false,
        payload_url: body.payload_url,
        enabled: true,
        http_method: 'POST',
        http_content_type: 'application/json',
        additional_headers: '',
        body_template: '',
        secret: '',
        conditions: null,
        ssl_verification: true,
        ca_file_path: null,
        timeout: null,
        ordering: 'unordered',
        rate_limit_per_second: null,
        client_cert_path: null,
        client_key_path: null,
        asymmetric_signature: false,
        secret_rotated_at: null,
        secret_overlap_ends: null,
        disabled_reason: '',
        custom_fields: {},
        tags: [],
        created: expect.stringMatching(REST_DATETIME),
        last_updated: body.created,
      });
      expect((await api.get(`${body.id}/`)).body).toEqual(body);
    });

    it('returns the secret in clear, as NetBox 3.6 does, and keeps what the client set', async () => {
      const settings = {
        secret: 's3cr3t',
        type_update: 'yes',
        enabled: 'False',
        http_method: 'PATCH',
        http_content_type: 'application/x-www-form-urlencoded',
        additional_headers: 'X-Auth: abc',
        body_template: '{{ data }}',
        conditions: { and: [{ attr: 'total_passed', value: 0, op: 'gt' }] },
        ssl_verification: false,
        ca_file_path: '',
        timeout: 30,
      };
      const created = await api.create(aWebhookBody(settings));
      expect((await api.get(`${created.id}/`)).body).toMatchObject({
        ...settings,
        type_update: true,
        enabled: false,
      });
    });

    it('trims strings as DRF does and takes numbers for strings', async () => {
      const name = uniqueName('trimmed');
      const created = await api.create(aWebhookBody({ name: `  ${name}\n`, http_content_type: 12 }));
      expect([created.name, created.http_content_type]).toEqual([name, '12']);
    });

    it('ignores unknown and read-only keys', async () => {
      const created = await api.create(
        aWebhookBody({ id: 999999, url: 'x', display: 'y', created: '2000-01-01T00:00:00Z', colour: 'red' }),
      );
      expect(created.id).not.toBe(999999);
      expect(created.display).toBe(created.name);
      expect(created.created).not.toBe('2000-01-01T00:00:00Z');
      expect(created).not.toHaveProperty('colour');
    });

    it('accepts pynetbox 7.0 bodies sent as `application/json;`', async () => {
      const answer = await api.call('POST', '', aWebhookBody(), { 'Content-Type': 'application/json;' });
      expect(answer.status).toBe(201);
    });

    it('answers PUT and PATCH on a webhook with its new state; PUT keeps omitted optional fields', async () => {
      const created = await api.create(aWebhookBody({ secret: 'keep', type_delete: true }));
      const patched = await api.patch(`${created.id}/`, { enabled: false, id: 1, url: 'ignored' });
      expect([patched.status, patched.body.enabled, patched.body.secret]).toEqual([200, false, 'keep']);
      expect(patched.body.last_updated).not.toBe(created.last_updated);
      expect(patched.body.created).toBe(created.created);

      const replaced = await api.put(`${created.id}/`, aWebhookBody({ name: created.name }));
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ secret: 'keep', type_delete: true, enabled: false });

      const incomplete = await api.put(`${created.id}/`, { name: created.name });
      expect([incomplete.status, incomplete.body]).toEqual([
        400,
        { content_types: ['This field is required.'], payload_url: ['This field is required.'] },
      ]);
    });

    it('deletes with 204 and no body, then answers 404 Not found. on every route of that id', async () => {
      const created = await api.create(aWebhookBody());
      const deleted = await api.delete(`${created.id}/`);
      expect([deleted.status, deleted.body]).toEqual([204, null]);
      for (const answer of [
        await api.get(`${created.id}/`),
        await api.patch(`${created.id}/`, { enabled: false }),
        await api.put(`${created.id}/`, aWebhookBody()),
        await api.delete(`${created.id}/`),
        await api.call('OPTIONS', `${created.id}/`),
      ]) {
        expect([answer.status, answer.body]).toEqual([404, { detail: 'Not found.' }]);
      }
    });

    it('answers 404 for an id that is not a number and 405 for POST on a webhook', async () => {
      expect((await api.get('abc/')).status).toBe(404);
      expect((await api.get('99999999999999999999/')).status).toBe(404);
      const created = await api.create(aWebhookBody());
      const posted = await api.post({}, `${created.id}/`);
      expect([posted.status, posted.body]).toEqual([405, { detail: 'Method "POST" not allowed.' }]);
    });

    it('answers 403 with NetBox texts without a valid token, with API-Version and X-Request-ID', async () => {
      const missing = await fetch(api.listUrl);
      expect([missing.status, await missing.json()]).toEqual([
        403,
        { detail: 'Authentication credentials were not provided.' },
      ]);
      const invalid = await fetch(api.listUrl, { headers: { Authorization: `Token ${'0'.repeat(40)}` } });
      expect([invalid.status, await invalid.json()]).toEqual([403, { detail: 'Invalid token' }]);
      const listed = await api.get('');
      expect(listed.headers.get('api-version')).toBe('3.6');
      expect(listed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('lists the http_method choices for pynetbox choices() in OPTIONS, on the list and on a webhook', async () => {
      const list = await api.call<{ actions: Record<string, Record<string, { choices?: unknown }>> }>(
        'OPTIONS',
      );
      const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((value) => ({
        value,
        display_name: value,
      }));
      expect(list.status).toBe(200);
      expect(list.body.actions.POST.http_method.choices).toEqual(methods);
      expect(list.body.actions.PUT.http_method.choices).toEqual(methods);
      const created = await api.create(aWebhookBody());
      const detail = await api.call<{ actions: Record<string, unknown> }>('OPTIONS', `${created.id}/`);
      expect(Object.keys(detail.body.actions)).toEqual(['PUT']);
    });
  });

  describe('field validation (stage 1), one key per bad field', () => {
    it('requires content_types, name and payload_url on POST, also when there is no body at all', async () => {
      const required = {
        content_types: ['This field is required.'],
        name: ['This field is required.'],
        payload_url: ['This field is required.'],
      };
      const empty = await api.post({});
      expect([empty.status, empty.body]).toEqual([400, required]);
      const bodiless = await api.call('POST');
      expect([bodiless.status, bodiless.body]).toEqual([400, required]);
    });

    it.each<[string, WebhookBody, Record<string, string[]>]>([
      ['a blank name', { name: '  ' }, { name: ['This field may not be blank.'] }],
      ['a blank payload URL', { payload_url: '' }, { payload_url: ['This field may not be blank.'] }],
      [
        'a blank content type',
        { http_content_type: '' },
        { http_content_type: ['This field may not be blank.'] },
      ],
      ['a null name', { name: null }, { name: ['This field may not be null.'] }],
      ['a null boolean', { enabled: null }, { enabled: ['This field may not be null.'] }],
      [
        'a name of 151 characters',
        { name: 'n'.repeat(151) },
        { name: ['Ensure this field has no more than 150 characters.'] },
      ],
      [
        'a payload URL of 501 characters',
        { payload_url: `http://x/${'p'.repeat(492)}` },
        { payload_url: ['Ensure this field has no more than 500 characters.'] },
      ],
      [
        'a content type of 101 characters',
        { http_content_type: 'c'.repeat(101) },
        { http_content_type: ['Ensure this field has no more than 100 characters.'] },
      ],
      [
        'a secret of 256 characters',
        { secret: 's'.repeat(256) },
        { secret: ['Ensure this field has no more than 255 characters.'] },
      ],
      [
        'a CA file path of 4097 characters',
        { ca_file_path: 'f'.repeat(4097) },
        { ca_file_path: ['Ensure this field has no more than 4096 characters.'] },
      ],
      ['a bad boolean', { type_create: 'maybe' }, { type_create: ['Must be a valid boolean.'] }],
      ['a lower-case method', { http_method: 'post' }, { http_method: ['"post" is not a valid choice.'] }],
      ['a boolean method', { http_method: true }, { http_method: ['"True" is not a valid choice.'] }],
      [
        'content_types as a string',
        { content_types: 'validity.compliancereport' },
        { content_types: ['Expected a list of items but got type "str".'] },
      ],
      [
        'an unknown content type',
        { content_types: ['dcim.nosuchmodel'] },
        { content_types: ['Invalid content type: dcim.nosuchmodel'] },
      ],
      [
        'a content type in the wrong case',
        { content_types: ['Validity.ComplianceReport'] },
        { content_types: ['Invalid content type: Validity.ComplianceReport'] },
      ],
      [
        'a private object type',
        { content_types: ['validity.compliancereport', 'users.token'] },
        { content_types: ['Invalid content type: users.token'] },
      ],
      [
        'a malformed content type',
        { content_types: ['validity'] },
        { content_types: ["Invalid value. Specify a content type as '<app_label>.<model_name>'."] },
      ],
      [
        'a content type that is not a string',
        { content_types: [7] },
        { content_types: ["Invalid value. Specify a content type as '<app_label>.<model_name>'."] },
      ],
      ['a name with a null character', { name: 'a\u0000b' }, { name: ['Null characters are not allowed.'] }],
      [
        'conditions with a null character',
        { conditions: { and: [{ attr: 'a\u0000', value: 1 }] } },
        { conditions: ['Null characters are not allowed.'] },
      ],
      ['a timeout of 0', { timeout: 0 }, { timeout: ['Ensure this value is greater than or equal to 1.'] }],
      [
        'a timeout of 3601',
        { timeout: 3601 },
        { timeout: ['Ensure this value is less than or equal to 3600.'] },
      ],
      ['a fractional timeout', { timeout: 1.5 }, { timeout: ['A valid integer is required.'] }],
      [
        'custom fields that are not a dictionary',
        { custom_fields: [] },
        { custom_fields: ['Invalid data format. Custom field data must be passed as a dictionary.'] },
      ],
      [
        'a tag (this system has none)',
        { tags: [{ name: 'core' }] },
        { tags: ["Related object not found using the provided attributes: {'name': 'core'}"] },
      ],
    ])('answers 400 for %s', async (_case, overrides, errors) => {
      const answer = await api.post(aWebhookBody(overrides));
      expect([answer.status, answer.body]).toEqual([400, errors]);
    });

    it('names every bad field at once', async () => {
      const answer = await api.post(aWebhookBody({ name: '', type_create: 'x', content_types: {} }));
      expect(answer.body).toEqual({
        content_types: ['Expected a list of items but got type "dict".'],
        name: ['This field may not be blank.'],
        type_create: ['Must be a valid boolean.'],
      });
    });

    it('refuses a duplicate name with DRF’s lower-case message, even next to other bad fields', async () => {
      const existing = await api.create(aWebhookBody());
      const duplicate = await api.post(aWebhookBody({ name: existing.name }));
      expect([duplicate.status, duplicate.body]).toEqual([
        400,
        { name: ['webhook with this name already exists.'] },
      ]);
      const alsoBad = await api.post(aWebhookBody({ name: existing.name, http_method: 'FOO' }));
      expect(alsoBad.body).toEqual({
        name: ['webhook with this name already exists.'],
        http_method: ['"FOO" is not a valid choice.'],
      });
    });

    it('refuses a body that is not an object', async () => {
      const answer = await api.post('webhook');
      expect([answer.status, answer.body]).toEqual([
        400,
        { non_field_errors: ['Invalid data. Expected a dictionary, but got str.'] },
      ]);
    });
  });

  describe('model validation (stage 2), only when every field is valid', () => {
    it('requires an event type, under __all__', async () => {
      const answer = await api.post(aWebhookBody({ type_create: false }));
      expect([answer.status, answer.body]).toEqual([400, { __all__: [NO_EVENT_TYPE] }]);
    });

    it('runs no model rule while a field is bad', async () => {
      const answer = await api.post(aWebhookBody({ type_create: false, http_method: 'FOO' }));
      expect(answer.body).toEqual({ http_method: ['"FOO" is not a valid choice.'] });
    });

    it('refuses a CA file with SSL verification off', async () => {
      const answer = await api.post(aWebhookBody({ ssl_verification: false, ca_file_path: '/etc/ca.pem' }));
      expect(answer.body).toEqual({
        ca_file_path: ['Do not specify a CA certificate file if SSL verification is disabled.'],
      });
    });

    it('refuses the URL and create/update/delete flags of another webhook, whatever its content types', async () => {
      const existing = await api.create(aWebhookBody({ type_update: true }));
      const answer = await api.post(
        aWebhookBody({
          payload_url: existing.payload_url,
          type_update: true,
          content_types: ['validity.compliancetest'],
        }),
      );
      expect(answer.body).toEqual({ __all__: [DUPLICATE_URL] });
      const otherFlags = await api.post(
        aWebhookBody({ payload_url: existing.payload_url, type_delete: true }),
      );
      expect(otherFlags.status).toBe(201);
    });

    it('reports a missing event type and a duplicate URL together', async () => {
      const existing = await api.create(aWebhookBody({ type_create: false, type_job_end: true }));
      const answer = await api.post(aWebhookBody({ payload_url: existing.payload_url, type_create: false }));
      expect(answer.body).toEqual({ __all__: [NO_EVENT_TYPE, DUPLICATE_URL] });
    });

    it.each<[string, unknown, string]>([
      ['a list', [{ attr: 'x', value: 1 }], "Ruleset must be a dictionary, not <class 'list'>."],
      [
        'an unknown operator',
        { and: [{ attr: 'x', value: 1, op: 'ne' }] },
        'Unknown operator: ne. Must be one of: eq, gt, gte, lt, lte, in, contains, regex',
      ],
      [
        'gt with a string',
        { or: [{ attr: 'x', value: 'a', op: 'gt' }] },
        "Invalid type for gt operation: <class 'str'>",
      ],
    ])('answers the ConditionSet parser’s message for %s', async (_case, conditions, message) => {
      const answer = await api.post(aWebhookBody({ conditions }));
      expect([answer.status, answer.body]).toEqual([400, { conditions: [message] }]);
    });

    it('answers 400, not NetBox’s 500, for conditions its parser crashes on', async () => {
      for (const conditions of [
        { and: [{ attr: 'x', value: 1, foo: 1 }] },
        { and: [{ value: 1 }] },
        { AND: [{ attr: 'x', value: 1 }] },
      ]) {
        const answer = await api.post<{ conditions: string[] }>(aWebhookBody({ conditions }));
        expect(answer.status).toBe(400);
        expect(answer.body.conditions).toEqual([expect.any(String)]);
      }
    });

    it('saves falsy conditions without parsing them, as NetBox does', async () => {
      const created = await api.create(aWebhookBody({ conditions: {} }));
      expect(created.conditions).toEqual({});
    });

    it('refuses custom fields, which this system does not define, as NetBox refuses unknown ones', async () => {
      const answer = await api.post(aWebhookBody({ custom_fields: { owner: 'noc' } }));
      expect(answer.body).toEqual({ __all__: ["Unknown field name 'owner' in custom field data."] });
    });

    it('validates a PATCH against the merged webhook, excluding itself from uniqueness', async () => {
      const created = await api.create(aWebhookBody({ type_update: true }));
      const same = await api.patch(`${created.id}/`, {
        name: created.name,
        payload_url: created.payload_url,
      });
      expect(same.status).toBe(200);
      const noEvents = await api.patch(`${created.id}/`, { type_create: false, type_update: false });
      expect(noEvents.body).toEqual({ __all__: [NO_EVENT_TYPE] });
      const caFile = await api.patch(`${created.id}/`, { ssl_verification: false, ca_file_path: '/ca.pem' });
      expect(caFile.status).toBe(400);
    });
  });

  describe('bulk operations on the list route', () => {
    it('creates an array of webhooks: 201 with an array in input order', async () => {
      const bodies = [aWebhookBody(), aWebhookBody(), aWebhookBody()];
      const answer = await api.post<WebhookBody[]>(bodies);
      expect(answer.status).toBe(201);
      expect(answer.body.map((webhook) => webhook.name)).toEqual(bodies.map((body) => body.name));
      expect(answer.headers.get('location')).toBeNull();
    });

    it('creates nothing when one item is bad, answering errors aligned with the input', async () => {
      const good = aWebhookBody();
      const answer = await api.post([
        good,
        aWebhookBody({ name: undefined }),
        aWebhookBody({ type_create: false }),
      ]);
      expect([answer.status, answer.body]).toEqual([
        400,
        [{}, { name: ['This field is required.'] }, { __all__: [NO_EVENT_TYPE] }],
      ]);
      expect((await api.get(`?name=${good.name as string}`)).body).toMatchObject({ count: 0 });
    });

    it('refuses duplicates within one array with the messages a saved duplicate gets (NetBox: 500)', async () => {
      const first = aWebhookBody();
      const answer = await api.post([
        first,
        aWebhookBody({ name: first.name }),
        aWebhookBody({ payload_url: first.payload_url }),
      ]);
      expect(answer.body).toEqual([
        {},
        { name: ['webhook with this name already exists.'] },
        { __all__: [DUPLICATE_URL] },
      ]);
    });

    it('updates by id with PATCH, skipping unknown ids, answering in name order', async () => {
      const [b, a] = [
        await api.create(aWebhookBody({ name: uniqueName('b') })),
        await api.create(aWebhookBody({ name: uniqueName('a') })),
      ];
      const answer = await api.patch<WebhookBody[]>('', [
        { id: b.id, enabled: false },
        { id: 99999999, enabled: false },
        { id: a.id, secret: 'x' },
      ]);
      expect(answer.status).toBe(200);
      expect(answer.body.map((webhook) => [webhook.id, webhook.enabled, webhook.secret])).toEqual([
        [a.id, true, 'x'],
        [b.id, false, ''],
      ]);
    });

    it('replaces with PUT, requiring full representations', async () => {
      const created = await api.create(aWebhookBody());
      const partial = await api.put('', [{ id: created.id, enabled: false }]);
      expect([partial.status, partial.body]).toEqual([
        400,
        {
          content_types: ['This field is required.'],
          name: ['This field is required.'],
          payload_url: ['This field is required.'],
        },
      ]);
      const full = await api.put<WebhookBody[]>('', [{ ...created, enabled: false }]);
      expect(full.body.map((webhook) => webhook.enabled)).toEqual([false]);
    });

    it('aborts a bulk update at its first invalid object, answering that object’s errors (not an array)', async () => {
      const first = await api.create(aWebhookBody({ name: uniqueName('a') }));
      const second = await api.create(aWebhookBody({ name: uniqueName('b') }));
      const answer = await api.patch('', [
        { id: second.id, http_method: 'FOO' },
        { id: first.id, enabled: false },
      ]);
      expect([answer.status, answer.body]).toEqual([400, { http_method: ['"FOO" is not a valid choice.'] }]);
      expect((await api.get(`${first.id}/`)).body.enabled).toBe(true);
    });

    it.each<[string, unknown, unknown]>([
      ['an object body', { id: 1 }, { non_field_errors: ['Expected a list of items but got type "dict".'] }],
      ['an item without id', [{ id: 1 }, { enabled: false }], [{}, { id: ['This field is required.'] }]],
      ['an id that is not an integer', [{ id: 'one' }], [{ id: ['A valid integer is required.'] }]],
      [
        'an item that is not an object',
        [3],
        [{ non_field_errors: ['Invalid data. Expected a dictionary, but got int.'] }],
      ],
    ])('answers a bulk update of %s with DRF’s shape errors', async (_case, body, errors) => {
      const answer = await api.patch('', body);
      expect([answer.status, answer.body]).toEqual([400, errors]);
    });

    it('deletes by id with 204, skipping unknown ids', async () => {
      const [one, two] = [await api.create(aWebhookBody()), await api.create(aWebhookBody())];
      const answer = await api.delete('', [{ id: one.id }, { id: two.id }, { id: 99999999 }]);
      expect([answer.status, answer.body]).toEqual([204, null]);
      expect((await api.get(`?id=${one.id}&id=${two.id}`)).body).toMatchObject({ count: 0 });
      const notAList = await api.delete('', { id: one.id });
      expect(notAList.status).toBe(400);
    });
  });
});
