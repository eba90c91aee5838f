import { DataSource } from 'typeorm';
import { rebuildProjections } from '@validity/platform/event-store';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aWebhookBody, uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import { WebhookProjection } from '../webhooks/store/webhook-projection';
import { WebhookTable } from '../webhooks/store/webhook-table';
import { webhookApi, type WebhookBody } from '../webhooks/testing/webhook-api';

/** NetBox 4.6's EventRuleSerializer keys, in order (with `action_data`, as the issue lists it). */
const EVENT_RULE_KEYS = [
  'id',
  'url',
  'display_url',
  'display',
  'object_types',
  'name',
  'enabled',
  'event_types',
  'conditions',
  'action_type',
  'action_object_type',
  'action_object_id',
  'action_object',
  'action_data',
  'description',
  'custom_fields',
  'owner',
  'tags',
  'created',
  'last_updated',
];

/** NetBox 4.6's WebhookSerializer keys, plus `timeout` where NetBox 4.7 has it. */
const WEBHOOK_46_KEYS = [
  'id',
  'url',
  'display_url',
  'display',
  'name',
  'description',
  'payload_url',
  'http_method',
  'http_content_type',
  'additional_headers',
  'body_template',
  'secret',
  'ssl_verification',
  'ca_file_path',
  'timeout',
  'custom_fields',
  'owner',
  'tags',
  'created',
  'last_updated',
];

type Rule = WebhookBody & { id: number; url: string };

describe('/api/extras/event-rules/ and the webhook API in NETBOX_API_VERSION=4.6, over one store with 3.6', () => {
  let netbox46: TestService;
  let netbox36: TestService;
  let webhooks46: ReturnType<typeof webhookApi>;
  let webhooks36: ReturnType<typeof webhookApi>;

  beforeAll(async () => {
    const base = testServiceConfig('webhook-registry');
    const config46 = { ...base, http: { ...base.http, netboxApiVersion: '4.6' as const } };
    netbox46 = await startTestService(AppModule.register(config46), config46);
    // The same schema, read by a service that speaks 3.6: switching the setting on one store.
    const config36 = { ...base, http: { ...base.http, netboxApiVersion: '3.6' as const } };
    netbox36 = await startTestService(AppModule.register(config36), config36);
    webhooks46 = webhookApi(netbox46);
    webhooks36 = webhookApi(netbox36);
  });
  afterAll(async () => {
    await netbox46?.close();
    await netbox36?.close();
  });

  async function rules(method: string, path = '', body?: unknown) {
    const response = await fetch(`${netbox46.url}/api/extras/event-rules/${path}`, {
      method,
      headers: {
        Authorization: netbox46.auth,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text === '' ? null : JSON.parse(text)) as Rule,
    };
  }

  /** A 4.6 webhook: no trigger fields (sent ones are ignored, as NetBox 3.7+ ignores them). */
  async function webhook46(): Promise<Rule> {
    const answer = await webhooks46.post<Rule>({
      name: uniqueName('hook'),
      payload_url: `http://receiver.example/${uniqueName('p')}/`,
      content_types: ['dcim.device'],
      type_delete: true,
    });
    expect(answer.status).toBe(201);
    return answer.body;
  }

  /** An event rule for a webhook, as most scripts write it (`action_object_id`). */
  function validityRule(webhookId: number, overrides: WebhookBody = {}): WebhookBody {
    return {
      name: uniqueName('rule'),
      object_types: ['validity.compliancereport'],
      event_types: ['object_created'],
      action_type: 'webhook',
      action_object_type: 'extras.webhook',
      action_object_id: webhookId,
      ...overrides,
    };
  }

  it('takes Validity 3.x’s documented action_object=<webhook id> as the rule’s webhook', async () => {
    const webhook = await webhook46();
    const body = validityRule(webhook.id);
    delete body.action_object_id;
    const answer = await rules('POST', '', { ...body, action_object: webhook.id });
    expect(answer).toMatchObject({ status: 201, body: { id: webhook.id, action_object_id: webhook.id } });
  });

  it('answers API-Version 4.6 and shows webhooks in NetBox 4.6’s shape, without trigger fields', async () => {
    const webhook = await webhook46();
    expect(Object.keys(webhook)).toEqual(WEBHOOK_46_KEYS);
    expect(webhook.description).toBe('');
    const answer = await webhooks46.get(`${webhook.id}/`);
    expect(answer.headers.get('api-version')).toBe('4.6');
    expect((await webhooks46.get(`${webhook.id}/?brief=1`)).body).toEqual({
      id: webhook.id,
      url: webhook.url,
      display: webhook.name,
      name: webhook.name,
      description: '',
    });
    // The triggers sent with it were ignored: no rule, and 3.6 sees a webhook without triggers.
    expect((await rules('GET', `${webhook.id}/`)).status).toBe(404);
    expect((await webhooks36.get(`${webhook.id}/`)).body).toMatchObject({
      content_types: [],
      type_delete: false,
    });
  });

  it('refuses a 4.6 webhook whose payload_url is not an http(s) URL or a template (NetBox 4.6.8)', async () => {
    const answer = await webhooks46.post({ name: uniqueName('hook'), payload_url: 'ftp://x/' });
    expect(answer).toMatchObject({
      status: 400,
      body: { payload_url: ['Enter a valid URL, beginning with http:// or https://.'] },
    });
  });

  it('creates Validity 3.x’s event rule: 201, NetBox 4.6’s keys, and the 3.6 API sees its triggers', async () => {
    const webhook = await webhook46();
    const body = validityRule(webhook.id, { action_data: { team: 'noc' }, description: 'compliance' });
    const answer = await rules('POST', '', body);
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toBe(answer.body.url);
    expect(Object.keys(answer.body)).toEqual(EVENT_RULE_KEYS);
    expect(answer.body).toMatchObject({
      id: webhook.id,
      url: `${netbox46.url}/api/extras/event-rules/${webhook.id}/`,
      display: body.name,
      name: body.name,
      object_types: ['validity.compliancereport'],
      enabled: true,
      event_types: ['object_created'],
      conditions: null,
      action_type: { value: 'webhook', label: 'Webhook' },
      action_object_type: 'extras.webhook',
      action_object_id: webhook.id,
      action_object: {
        id: webhook.id,
        url: webhook.url,
        display: webhook.name,
        name: webhook.name,
        description: '',
      },
      action_data: { team: 'noc' },
      description: 'compliance',
      custom_fields: {},
      owner: null,
      tags: [],
    });
    expect((await rules('GET', `${webhook.id}/`)).body).toEqual(answer.body);
    expect((await webhooks36.get(`${webhook.id}/`)).body).toMatchObject({
      content_types: ['validity.compliancereport'],
      type_create: true,
      type_update: false,
      enabled: true,
    });
  });

  it('shows a 3.6 webhook’s triggers as its event rule, named after it; job_end as the three job end types', async () => {
    const created = await webhooks36.create(
      aWebhookBody({
        name: uniqueName('hook36'),
        type_create: false,
        type_update: true,
        type_job_end: true,
        content_types: ['dcim.device', 'validity.compliancereport'],
      }),
    );
    const answer = await rules('GET', `${created.id}/`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      name: created.name,
      object_types: ['dcim.device', 'validity.compliancereport'],
      event_types: ['object_updated', 'job_completed', 'job_failed', 'job_errored'],
    });
  });

  it('filters, pages and briefs like NetBox 4.6', async () => {
    const webhook = await webhook46();
    const rule = (await rules('POST', '', validityRule(webhook.id, { event_types: ['object_deleted'] })))
      .body;
    const byName = await rules('GET', `?name=${String(rule.name)}`);
    expect(byName.body).toMatchObject({ count: 1, results: [{ id: rule.id }] });
    const deleted = (
      await rules('GET', '?event_type=object_deleted&object_type=validity.compliancereport&limit=1000')
    ).body as unknown as { results: Rule[] };
    expect(deleted.results.map((result) => result.id)).toContain(rule.id);
    const created = (await rules('GET', `?event_type=object_created&id=${rule.id}`)).body;
    expect(created).toMatchObject({ count: 0, results: [] });
    expect((await rules('GET', `?id=${rule.id}&brief=1`)).body).toMatchObject({
      results: [{ id: rule.id, url: rule.url, display: rule.name, name: rule.name, description: '' }],
    });
    expect((await rules('GET', `?q=${String(rule.name).toUpperCase()}`)).body).toMatchObject({ count: 1 });
  });

  it('answers NetBox’s validation messages, and names the webhook rules this system allows', async () => {
    expect(await rules('POST', '', {})).toMatchObject({
      status: 400,
      body: {
        object_types: ['This field is required.'],
        name: ['This field is required.'],
        event_types: ['This field is required.'],
        action_type: ['This field is required.'],
        action_object_type: ['This field is required.'],
      },
    });
    const webhook = await webhook46();
    expect(
      await rules('POST', '', validityRule(webhook.id, { event_types: ['object_exploded'] })),
    ).toMatchObject({
      status: 400,
      body: { event_types: ['"object_exploded" is not a valid choice.'] },
    });
    expect(await rules('POST', '', validityRule(webhook.id, { object_types: ['foo.bar'] }))).toMatchObject({
      status: 400,
      body: { object_types: ['Invalid content type: foo.bar'] },
    });
    expect(
      await rules('POST', '', validityRule(webhook.id, { conditions: [], enabled: 'maybe' })),
    ).toMatchObject({
      status: 400,
      body: { enabled: ['Must be a valid boolean.'] },
    });
    expect(await rules('POST', '', validityRule(webhook.id, { conditions: { foo: 1 } }))).toMatchObject({
      status: 400,
      body: { conditions: [expect.any(String)] },
    });
    expect(await rules('POST', '', validityRule(999_999_999))).toMatchObject({
      status: 400,
      body: { action_object_id: ['Webhook with ID 999999999 does not exist.'] },
    });
    const first = await rules('POST', '', validityRule(webhook.id));
    expect(first.status).toBe(201);
    expect(await rules('POST', '', validityRule(webhook.id))).toMatchObject({
      status: 400,
      body: { action_object_id: [expect.stringContaining('already has an event rule')] },
    });
    const other = await webhook46();
    expect(await rules('POST', '', validityRule(other.id, { name: first.body.name }))).toMatchObject({
      status: 400,
      body: { name: ['event rule with this name already exists.'] },
    });
  });

  it('updates and deletes a rule; its webhook stays, without triggers', async () => {
    const webhook = await webhook46();
    const rule = (await rules('POST', '', validityRule(webhook.id))).body;
    const patched = await rules('PATCH', `${rule.id}/`, {
      event_types: ['object_created', 'object_updated'],
      enabled: false,
    });
    expect(patched).toMatchObject({
      status: 200,
      body: { event_types: ['object_created', 'object_updated'], enabled: false },
    });
    expect((await rules('OPTIONS', `${rule.id}/`)).body).toMatchObject({
      actions: { PUT: { event_types: { type: 'list' } } },
    });
    expect((await rules('DELETE', `${rule.id}/`)).status).toBe(204);
    expect((await rules('GET', `${rule.id}/`)).status).toBe(404);
    expect((await webhooks46.get(`${webhook.id}/`)).status).toBe(200);
    expect((await webhooks36.get(`${webhook.id}/`)).body).toMatchObject({
      content_types: [],
      type_create: false,
      type_update: false,
      enabled: true,
    });
  });

  it('updates several rules at once with PATCH/PUT on the list route, as NetBox’s bulk views do', async () => {
    const [a, b] = await Promise.all([webhook46(), webhook46()]);
    const ruleA = (await rules('POST', '', validityRule(a.id))).body;
    const ruleB = (await rules('POST', '', validityRule(b.id))).body;
    const patched = await rules('PATCH', '', [
      { id: ruleA.id, enabled: false },
      { id: ruleB.id, event_types: ['object_deleted'] },
    ]);
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: ruleA.id, enabled: false, event_types: ['object_created'] }),
        expect.objectContaining({ id: ruleB.id, enabled: true, event_types: ['object_deleted'] }),
      ]),
    );
    const replaced = await rules('PUT', '', [
      { ...validityRule(a.id, { name: ruleA.name, object_types: ['vpn.tunnel'] }), id: ruleA.id },
    ]);
    expect(replaced).toMatchObject({ status: 200, body: [{ id: ruleA.id, object_types: ['vpn.tunnel'] }] });
  });

  it('changes nothing when one item of a bulk update is invalid, and answers 400 naming its field', async () => {
    const [a, b] = await Promise.all([webhook46(), webhook46()]);
    const ruleA = (await rules('POST', '', validityRule(a.id, { name: uniqueName('a-rule') }))).body;
    const ruleB = (await rules('POST', '', validityRule(b.id, { name: uniqueName('z-rule') }))).body;
    // ruleA is processed first (NetBox's order is by name) and would succeed; ruleB's item is refused.
    const answer = await rules('PATCH', '', [
      { id: ruleA.id, enabled: false },
      { id: ruleB.id, event_types: ['object_exploded'] },
    ]);
    expect(answer).toMatchObject({
      status: 400,
      body: { event_types: ['"object_exploded" is not a valid choice.'] },
    });
    expect((await rules('GET', `${ruleA.id}/`)).body).toMatchObject({ enabled: true });
    expect(
      await rules('PUT', '', [{ ...validityRule(a.id, { object_types: ['dcim.nothing'] }), id: ruleA.id }]),
    ).toMatchObject({ status: 400, body: { object_types: ['Invalid content type: dcim.nothing'] } });
  });

  it('deletes several rules with DELETE on the list route; their webhooks stay; bad bodies get DRF’s 400', async () => {
    const [a, b] = await Promise.all([webhook46(), webhook46()]);
    const ruleA = (await rules('POST', '', validityRule(a.id))).body;
    const ruleB = (await rules('POST', '', validityRule(b.id))).body;
    expect(await rules('DELETE', '', { id: ruleA.id })).toMatchObject({
      status: 400,
      body: { non_field_errors: ['Expected a list of items but got type "dict".'] },
    });
    expect(await rules('DELETE', '', [{ id: ruleA.id }, { name: 'x' }])).toMatchObject({
      status: 400,
      body: [{}, { id: ['This field is required.'] }],
    });
    expect((await rules('GET', `${ruleA.id}/`)).status).toBe(200);

    expect(
      (await rules('DELETE', '', [{ id: ruleA.id }, { id: ruleB.id }, { id: 999_999_999 }])).status,
    ).toBe(204);
    expect((await rules('GET', `${ruleA.id}/`)).status).toBe(404);
    expect((await rules('GET', `${ruleB.id}/`)).status).toBe(404);
    expect((await webhooks46.get(`${a.id}/`)).status).toBe(200);
    expect((await webhooks46.get(`${b.id}/`)).status).toBe(200);
  });

  it('lists the event-rule choices pynetbox’s choices() reads', async () => {
    const answer = await rules('OPTIONS');
    expect(answer.body).toMatchObject({
      actions: {
        POST: {
          action_type: { choices: [{ value: 'webhook', display_name: 'Webhook' }] },
          event_types: {
            choices: expect.arrayContaining([{ value: 'object_created', display_name: 'Object created' }]),
          },
        },
      },
    });
  });

  it('answers the rules byte for byte as before once the read model is rebuilt from the event store', async () => {
    const [kept, changed, removed] = [await webhook46(), await webhook46(), await webhook46()];
    const conditions = { and: [{ attr: 'total_passed', value: 0, op: 'gt' }] };
    for (const webhook of [kept, changed, removed]) {
      const body = validityRule(webhook.id, { conditions, action_data: { team: 'core' }, description: 'd' });
      expect((await rules('POST', '', body)).status).toBe(201);
    }
    expect(
      (await rules('PATCH', `${changed.id}/`, { event_types: ['job_failed'], enabled: false })).status,
    ).toBe(200);
    expect((await rules('DELETE', `${removed.id}/`)).status).toBe(204);
    const answers = async () =>
      Promise.all(
        ['', ...[kept, changed, removed].map((webhook) => `${webhook.id}/`)].map(async (path) => {
          const { status, body } = await rules('GET', path);
          const { body: webhook } = await webhooks36.get(path);
          return JSON.stringify([path, status, body, webhook]);
        }),
      );
    const before = await answers();

    const dataSource = netbox46.app.get(DataSource);
    const schema = netbox46.config.database.schema;
    await rebuildProjections(dataSource, schema, [new WebhookProjection(schema, new WebhookTable(schema))]);

    expect(await answers()).toEqual(before);
    expect((await rules('PATCH', `${changed.id}/`, { enabled: true })).status).toBe(200);
  });
});
