import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { testInfrastructure, uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import { PublishedRecords } from '../test-support/published-records';
import { reportsTestConfig } from '../test-support/reports-test-config';

const REST_DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/;
const SNAPSHOT_DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/;

describe('/api/plugins/validity/selectors/ on real PostgreSQL and Kafka', () => {
  const { kafka } = testInfrastructure();
  let service: TestService;
  let published: PublishedRecords;
  let selectorsUrl: string;

  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${selectorsUrl}${path}`, {
      method,
      headers: { Authorization: service.auth, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const answer = async (response: Response) => ({
    status: response.status,
    body: response.status === 204 ? null : ((await response.json()) as Record<string, unknown>),
  });

  beforeAll(async () => {
    const config = reportsTestConfig(testServiceConfig('reports'));
    service = await startTestService(AppModule.register(config), config);
    selectorsUrl = `${service.url}/api/plugins/validity/selectors/`;
    published = await PublishedRecords.follow(kafka, [
      'validity.complianceselector.created',
      'validity.complianceselector.updated',
      'validity.complianceselector.deleted',
    ]);
  });
  afterAll(async () => {
    await published.stop();
    await service.close();
  });

  it("creates a selector with Validity 2.3's fields, defaults and key order, and a created event", async () => {
    const name = uniqueName('routers');
    const response = await send('POST', '', {
      name,
      name_filter: ' (?P<site>\\w+)-rt\\d+ ',
      dynamic_pairs: 'NAME',
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown> & { id: number };
    expect(response.headers.get('location')).toBe(`${selectorsUrl}${body.id}/`);
    expect(Object.entries(body)).toEqual(
      Object.entries({
        id: body.id,
        url: `${selectorsUrl}${body.id}/`,
        display: name,
        name,
        filter_operation: 'AND',
        name_filter: '(?P<site>\\w+)-rt\\d+',
        tag_filter: [],
        manufacturer_filter: [],
        type_filter: [],
        platform_filter: [],
        status_filter: '',
        location_filter: [],
        site_filter: [],
        tenant_filter: [],
        dynamic_pairs: 'NAME',
        dp_tag_prefix: '',
        tags: [],
        custom_fields: {},
        created: expect.stringMatching(REST_DATETIME),
        last_updated: body.created,
      }),
    );

    const requestId = response.headers.get('x-request-id')!;
    const [record] = await published.waitFor('the created event', (r) => r.envelope.request_id === requestId);
    expect(record.topic).toBe('validity.complianceselector.created');
    expect(record.envelope.model).toBe('complianceselector');
    expect(record.envelope.data).toEqual({ ...body, url: `/api/plugins/validity/selectors/${body.id}/` });
    expect(Object.entries(record.envelope.snapshots.postchange!)).toEqual([
      ['created', expect.stringMatching(SNAPSHOT_DATETIME)],
      ['last_updated', expect.stringMatching(SNAPSHOT_DATETIME)],
      ['name', name],
      ['filter_operation', 'AND'],
      ['name_filter', '(?P<site>\\w+)-rt\\d+'],
      ['status_filter', ''],
      ['dynamic_pairs', 'NAME'],
      ['dp_tag_prefix', ''],
      ['tag_filter', []],
      ['manufacturer_filter', []],
      ['type_filter', []],
      ['platform_filter', []],
      ['location_filter', []],
      ['site_filter', []],
      ['tenant_filter', []],
      ['custom_fields', {}],
      ['tags', []],
    ]);
  });

  it('answers OPTIONS without a token (no actions, as NetBox shows the anonymous user) and lists choices to a token', async () => {
    const anonymous = await fetch(selectorsUrl, { method: 'OPTIONS' });
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    const metadata = (await anonymous.json()) as Record<string, unknown>;
    expect(metadata).toEqual({
      name: 'Compliance Selector List',
      description: '',
      renders: ['application/json', 'text/html'],
      parses: ['application/json', 'multipart/form-data'],
    });
    const withToken = (await (await send('OPTIONS', '')).json()) as {
      actions: { POST: Record<string, { choices?: Array<{ value: string }> }> };
    };
    expect(withToken.actions.POST.dynamic_pairs.choices?.map((choice) => choice.value)).toEqual([
      'NO',
      'NAME',
      'TAG',
    ]);
    const badToken = await fetch(selectorsUrl, {
      method: 'OPTIONS',
      headers: { Authorization: `Token ${'0'.repeat(40)}` },
    });
    expect(badToken.status).toBe(403);
  });

  it("answers DRF's field errors first, then Validity's clean() rules", async () => {
    expect(
      await answer(
        await send('POST', '', {
          filter_operation: 'XOR',
          status_filter: 'broken',
          site_filter: [3],
          tag_filter: ['x'],
          tags: [7],
        }),
      ),
    ).toEqual({
      status: 400,
      body: {
        name: ['This field is required.'],
        filter_operation: ['"XOR" is not a valid choice.'],
        status_filter: ['"broken" is not a valid choice.'],
        site_filter: ['Invalid pk "3" - object does not exist.'],
        tag_filter: ['Incorrect type. Expected pk value, received str.'],
        tags: ['Related object not found using the provided numeric ID: 7'],
      },
    });
    const rule = async (fields: Record<string, unknown>) =>
      (await answer(await send('POST', '', { name: uniqueName('rule'), ...fields }))).body;
    expect(await rule({ name_filter: 'rt(' })).toEqual({ name_filter: ['Invalid regular expression'] });
    expect(await rule({ name_filter: 'rt', dynamic_pairs: 'NAME' })).toEqual({
      name_filter: ['You must define regexp group if dynamic_pairs is set to NAME'],
    });
    expect(await rule({ dynamic_pairs: 'TAG' })).toEqual({
      dp_tag_prefix: ['You must define Tag Prefix if dynamic_pairs is set to TAG'],
    });
    expect(await rule({ dp_tag_prefix: 'pair-' })).toEqual({
      dp_tag_prefix: ['This field may be used only if dynamic_pairs is set to TAG'],
    });
  });

  it('filters by the fields Validity 2.3 lists, updates with an event carrying both snapshots, deletes', async () => {
    const prefix = uniqueName('flt');
    const created = await Promise.all(
      [
        { name: `${prefix}-a`, filter_operation: 'OR', name_filter: 'core' },
        { name: `${prefix}-b`, dynamic_pairs: 'TAG', dp_tag_prefix: 'pair-' },
      ].map(
        async (fields) => (await (await send('POST', '', fields)).json()) as { id: number; name: string },
      ),
    );
    const names = async (query: string) =>
      (
        (await answer(await send('GET', `?name__isw=${prefix}&${query}`))).body as {
          results: Array<{ name: string }>;
        }
      ).results.map((selector) => selector.name);
    expect(await names('')).toEqual([`${prefix}-a`, `${prefix}-b`]);
    expect(await names('filter_operation=OR')).toEqual([`${prefix}-a`]);
    expect(await names('dynamic_pairs=TAG')).toEqual([`${prefix}-b`]);
    expect(await names('dynamic_pairs__n=TAG')).toEqual([`${prefix}-a`]);
    expect(await names('q=CORE')).toEqual([`${prefix}-a`]);
    expect(await names(`id=${created[1].id}`)).toEqual([`${prefix}-b`]);
    expect(await answer(await send('GET', '?dynamic_pairs=MAYBE'))).toEqual({
      status: 400,
      body: { dynamic_pairs: ['Select a valid choice. MAYBE is not one of the available choices.'] },
    });
    expect(
      Object.keys(((await answer(await send('GET', `${created[0].id}/?brief=1`))).body ?? {}) as object),
    ).toEqual(['id', 'url', 'display', 'name']);

    const patched = await send('PATCH', `${created[0].id}/`, { status_filter: 'active' });
    expect(patched.status).toBe(200);
    const requestId = patched.headers.get('x-request-id')!;
    const [update] = await published.waitFor('the updated event', (r) => r.envelope.request_id === requestId);
    expect(update.envelope.snapshots.prechange).toMatchObject({ status_filter: '' });
    expect(update.envelope.snapshots.postchange).toMatchObject({ status_filter: 'active' });

    const deleted = await send('DELETE', `${created[0].id}/`);
    expect(deleted.status).toBe(204);
    const deleteId = deleted.headers.get('x-request-id')!;
    const [gone] = await published.waitFor('the deleted event', (r) => r.envelope.request_id === deleteId);
    expect(gone.envelope.snapshots).toEqual({
      prechange: update.envelope.snapshots.postchange,
      postchange: null,
    });
    expect((await send('GET', `${created[0].id}/`)).status).toBe(404);
    expect((await send('DELETE', '')).status).toBe(405);
  });
});
