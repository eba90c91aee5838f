import { Client } from 'pg';
import { serializeEnvelope } from '@validity/contracts';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aComplianceTest, testInfrastructure, uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import { PublishedRecords } from '../test-support/published-records';
import { purgeFinished } from '../test-support/purged-reports';
import { reportsTestConfig } from '../test-support/reports-test-config';
import { ReportRetention } from './use-cases/report-retention';

const STORE_REPORTS = 3;
const REPORT_FIELDS = [
  'id',
  'url',
  'display',
  'device_count',
  'test_count',
  'total_passed',
  'total_count',
  'low_passed',
  'low_count',
  'middle_passed',
  'middle_count',
  'high_passed',
  'high_count',
  'results_url',
  'custom_fields',
  'created',
  'last_updated',
];

type Json = Record<string, unknown>;

describe('/api/plugins/validity/reports/ on real PostgreSQL and Kafka', () => {
  const { databaseUrl } = testInfrastructure();
  let service: TestService;
  let published: PublishedRecords;
  let database: Client;
  let reportsUrl: string;
  let resultsUrl: string;
  const tests: Record<'low' | 'middle' | 'high', { id: number; name: string }> = {} as never;

  const send = (method: string, url: string, body?: unknown, authorization: string | null = service.auth) =>
    fetch(url, {
      method,
      headers: {
        ...(authorization === null ? {} : { Authorization: authorization }),
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const answer = async (response: Response) => ({
    status: response.status,
    body: response.status === 204 ? null : ((await response.json()) as unknown),
  });
  const rowCount = async (table: string) => {
    const { rows } = await database.query<{ count: string }>(
      `SELECT count(*) FROM "${service.config.database.schema}"."${table}"`,
    );
    return Number(rows[0].count);
  };
  /** A small valid run: two devices, each test once per device, one failure per severity but LOW. */
  const run = (devicePrefix: string) => ({
    results: [tests.low, tests.middle, tests.high].flatMap((test, index) => [
      { test: test.id, device: { name: `${devicePrefix}-1` }, passed: true, explanation: [] },
      {
        test: { name: test.name },
        device: { name: `${devicePrefix}-2` },
        passed: index === 0,
        explanation: [['len(x) > 0', false]],
        dynamic_pair: { name: `${devicePrefix}-1` },
      },
    ]),
    custom_fields: { run: devicePrefix },
  });
  const postRun = async (body: unknown = run(uniqueName('r'))) => {
    const response = await send('POST', reportsUrl, body);
    expect(response.status).toBe(201);
    // Retention runs after the run's commit, in a pass of its own: the specs read what it left.
    await service.app.get(ReportRetention).caughtUp();
    // Parsed here, not by fetch: objects from another realm are not plain objects to `serializeEnvelope`.
    return { response, body: JSON.parse(await response.text()) as Json & { id: number } };
  };

  beforeAll(async () => {
    const config = reportsTestConfig(testServiceConfig('reports'), STORE_REPORTS);
    service = await startTestService(AppModule.register(config), config);
    reportsUrl = `${service.url}/api/plugins/validity/reports/`;
    resultsUrl = `${service.url}/api/plugins/validity/test-results/`;
    database = new Client({ connectionString: databaseUrl });
    await database.connect();
    published = await PublishedRecords.follow(testInfrastructure().kafka, [
      'validity.compliancereport.created',
      'validity.compliancereport.deleted',
    ]);
    for (const severity of ['LOW', 'MIDDLE', 'HIGH'] as const) {
      const created = await send(
        'POST',
        `${service.url}/api/plugins/validity/tests/`,
        aComplianceTest({
          name: uniqueName(severity.toLowerCase()),
          description: `a ${severity} test`,
          severity,
        }),
      );
      tests[severity.toLowerCase() as 'low'] = (await created.json()) as { id: number; name: string };
    }
  });
  afterAll(async () => {
    await published.stop();
    await database.end();
    await service.close();
  });

  it('answers 403 without a token, for reads and for runs', async () => {
    for (const method of ['GET', 'POST']) {
      expect(
        await answer(await send(method, reportsUrl, method === 'POST' ? run('x') : undefined, null)),
      ).toEqual({
        status: 403,
        body: { detail: 'Authentication credentials were not provided.' },
      });
    }
  });

  it('answers 400 naming each bad result by index and field, and stores nothing at all', async () => {
    const response = await send('POST', reportsUrl, {
      custom_fields: ['x'],
      results: [
        { test: tests.low.id, device: { name: 'new-device-ok' }, passed: true },
        'not a result',
        {},
        { test: { name: 'no-such-test' }, device: 999_999, passed: 'maybe', explanation: null },
        { test: 999_999, device: { name: 'x'.repeat(65) }, passed: false, dynamic_pair: [1] },
        { test: true, device: { serial: 'abc' }, passed: null },
      ],
    });
    expect(await answer(response)).toEqual({
      status: 400,
      body: {
        custom_fields: [
          'Invalid data format. Custom field data must be passed as a dictionary mapping field names to their values.',
        ],
        results: [
          {},
          { non_field_errors: ['Invalid data. Expected a dictionary, but got str.'] },
          {
            test: ['This field is required.'],
            device: ['This field is required.'],
            passed: ['This field is required.'],
          },
          {
            test: ['Object with name=no-such-test does not exist.'],
            device: ['Invalid pk "999999" - object does not exist.'],
            passed: ['Must be a valid boolean.'],
            explanation: ['This field may not be null.'],
          },
          {
            test: ['Invalid pk "999999" - object does not exist.'],
            device: ['Ensure this field has no more than 64 characters.'],
            dynamic_pair: ['Incorrect type. Expected pk value, received list.'],
          },
          {
            test: ['Incorrect type. Expected pk value, received bool.'],
            device: ['Invalid value.'],
            passed: ['This field may not be null.'],
          },
        ],
      },
    });
    for (const table of ['compliance_reports', 'test_results', 'devices'])
      expect(await rowCount(table)).toBe(0);
    expect(published.ofRequest(response.headers.get('x-request-id')!)).toEqual([]);
  });

  it('answers 400 when there is no list of results', async () => {
    for (const [body, errors] of [
      [[], { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] }],
      [{}, { results: ['This field is required.'] }],
      [{ results: null }, { results: ['This field may not be null.'] }],
      [{ results: { test: 1 } }, { results: ['Expected a list of items but got type "dict".'] }],
    ]) {
      expect(await answer(await send('POST', reportsUrl, body))).toEqual({ status: 400, body: errors });
    }
  });

  it('stores a run: 201, Location, Validity representation with every count computed', async () => {
    const devices = uniqueName('dev');
    const { response, body } = await postRun(run(devices));
    const url = `${reportsUrl}${body.id}/`;
    expect(response.headers.get('location')).toBe(url);
    expect(Object.keys(body)).toEqual(REPORT_FIELDS);
    expect(body).toEqual({
      id: body.id,
      url,
      display: `report-${body.id}`,
      device_count: 2,
      test_count: 3,
      total_passed: 4,
      total_count: 6,
      low_passed: 2,
      low_count: 2,
      middle_passed: 1,
      middle_count: 2,
      high_passed: 1,
      high_count: 2,
      results_url: `${service.url}/api/plugins/validity/test-results/?report_id=${body.id}`,
      custom_fields: { run: devices },
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/),
      last_updated: body.created,
    });
    expect(await answer(await send('GET', url))).toEqual({ status: 200, body });
    expect(await answer(await send('GET', `${url}?brief=1`))).toEqual({
      status: 200,
      body: { id: body.id, url, display: `report-${body.id}` },
    });
  });

  it('publishes exactly one created event per run, byte-identical to the NetBox body of the answer', async () => {
    const { response, body } = await postRun();
    const requestId = response.headers.get('x-request-id')!;
    const [record] = await published.waitFor(
      'the created event',
      (r) => r.envelope.request_id === requestId && r.topic === 'validity.compliancereport.created',
    );
    const relative = (url: unknown) => {
      const parsed = new URL(String(url));
      return `${parsed.pathname}${parsed.search}`;
    };
    const expected = serializeEnvelope({
      event: 'created',
      timestamp: record.envelope.timestamp,
      model: 'compliancereport',
      username: 'admin',
      request_id: requestId,
      data: { ...body, url: relative(body.url), results_url: relative(body.results_url) } as Json as never,
      snapshots: {
        prechange: null,
        postchange: {
          created: toSnapshotDateTime(body.created),
          last_updated: toSnapshotDateTime(body.last_updated),
          custom_fields: body.custom_fields as never,
        },
      },
    });
    expect(record.value.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect(record.value.toString('utf8')).toBe(expected);
    expect(record.envelope.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
    expect(Date.parse(record.envelope.timestamp)).toBeGreaterThanOrEqual(
      Date.parse(String(body.created)) - 1,
    );
    expect(record.key).toBe(String(body.id));
    expect(record.headers).toMatchObject({
      'object-type': 'validity.compliancereport',
      event: 'created',
      'content-type': 'application/json',
      'schema-version': '1',
      'event-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(published.ofRequest(requestId).filter((r) => r.topic.endsWith('.created'))).toHaveLength(1);
  });

  it(`keeps the newest ${STORE_REPORTS} reports; each pruned one is deleted with its results and announced`, async () => {
    for (let runs = 0; runs < STORE_REPORTS; runs += 1) await postRun();
    const kept = (await (await send('GET', reportsUrl)).json()) as { results: Array<{ id: number }> };
    const oldest = kept.results.at(-1)!.id;

    const { response, body } = await postRun();
    const requestId = response.headers.get('x-request-id')!;
    const [deleted] = await published.waitFor(
      'the retention delete',
      (r) => r.envelope.request_id === requestId && r.topic === 'validity.compliancereport.deleted',
    );
    expect(deleted.key).toBe(String(oldest));
    expect(Object.keys(deleted.envelope.data)).toEqual([
      'id',
      'url',
      'display',
      'results_url',
      'custom_fields',
      'created',
      'last_updated',
    ]);
    expect(deleted.envelope).toMatchObject({
      event: 'deleted',
      username: 'admin',
      data: { id: oldest, url: `/api/plugins/validity/reports/${oldest}/` },
      snapshots: { prechange: { custom_fields: expect.any(Object) }, postchange: null },
    });

    const listed = (await (await send('GET', reportsUrl)).json()) as {
      count: number;
      results: Array<{ id: number }>;
    };
    expect(listed.count).toBe(STORE_REPORTS);
    expect(listed.results[0].id).toBe(body.id);
    expect(listed.results.map((report) => report.id)).not.toContain(oldest);
    expect((await answer(await send('GET', `${resultsUrl}?report_id=${oldest}`))).body).toMatchObject({
      count: 0,
      results: [],
    });
    await purgeFinished((sql) => database.query(sql), service.config.database.schema);
    const { rows } = await database.query(
      `SELECT 1 FROM "${service.config.database.schema}"."test_results" WHERE report_id = $1`,
      [oldest],
    );
    expect(rows).toEqual([]);
  });

  it('lists reports newest first with counts, and brief without them', async () => {
    const listed = (await (await send('GET', `${reportsUrl}?limit=2`)).json()) as {
      count: number;
      next: string;
      results: Json[];
    };
    expect(listed.count).toBe(STORE_REPORTS);
    expect(listed.next).toBe(`${reportsUrl}?limit=2&offset=2`);
    const ids = listed.results.map((report) => report.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(listed.results.every((report) => report.total_count === 6)).toBe(true);
    const brief = (await (await send('GET', `${reportsUrl}?brief=1`)).json()) as { results: Json[] };
    expect(Object.keys(brief.results[0])).toEqual(['id', 'url', 'display']);
  });

  it('deletes a report with 204, removes its results and announces it; then 404', async () => {
    const { body } = await postRun();
    const response = await send('DELETE', `${reportsUrl}${body.id}/`);
    expect(response.status).toBe(204);
    const [deleted] = await published.waitFor(
      'the delete',
      (r) => r.envelope.request_id === response.headers.get('x-request-id'),
    );
    expect(deleted.topic).toBe('validity.compliancereport.deleted');
    expect(deleted.envelope.data.id).toBe(body.id);
    expect(await answer(await send('GET', `${reportsUrl}${body.id}/`))).toEqual({
      status: 404,
      body: { detail: 'Not found.' },
    });
    expect((await send('DELETE', `${reportsUrl}${body.id}/`)).status).toBe(404);
    expect((await answer(await send('GET', `${resultsUrl}?report_id=${body.id}`))).body).toMatchObject({
      count: 0,
      results: [],
    });
    await purgeFinished((sql) => database.query(sql), service.config.database.schema);
    const { rows } = await database.query(
      `SELECT 1 FROM "${service.config.database.schema}"."test_results" WHERE report_id = $1`,
      [body.id],
    );
    expect(rows).toEqual([]);
  });

  it('answers 405 to every edit of reports, 404 to unknown ones', async () => {
    for (const [method, path] of [
      ['PUT', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['PUT', '1/'],
      ['PATCH', '1/'],
      ['POST', '1/'],
    ]) {
      expect(await answer(await send(method, `${reportsUrl}${path}`, {}))).toEqual({
        status: 405,
        body: { detail: `Method "${method}" not allowed.` },
      });
    }
    expect((await send('GET', `${reportsUrl}999999/`)).status).toBe(404);
  });

  // Last: it moves the other reports' `created` into the future.
  it('keeps the run’s own report when reports committed meanwhile look newer (they were stamped later)', async () => {
    for (let runs = 0; runs < STORE_REPORTS; runs += 1) await postRun();
    // What concurrent runs leave behind: stamped after this run, committed before it took the retention lock.
    await database.query(
      `UPDATE "${service.config.database.schema}"."compliance_reports" SET created = now() + interval '1 hour'`,
    );
    const { body } = await postRun();

    const listed = (await (await send('GET', reportsUrl)).json()) as {
      count: number;
      results: Array<{ id: number }>;
    };
    expect(listed.count).toBe(STORE_REPORTS);
    expect(listed.results.map((report) => report.id)).toContain(body.id);
  });
});

/** Django's snapshot datetime from a DRF one: the fraction cut to milliseconds. */
function toSnapshotDateTime(restDateTime: unknown): string {
  return String(restDateTime).replace(/(\.\d{3})\d{3}Z$/, '$1Z');
}
