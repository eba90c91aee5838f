import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { encodeApiTokenRecord, TOKENS_TOPIC } from '@validity/contracts';
import { generateTokenKey, hashTokenKey } from '@validity/platform/auth';
import { createKafka, EventProducer, InternalRecordAuthenticator } from '@validity/platform/kafka';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aComplianceTest, testInfrastructure, uniqueName, waitFor } from '@validity/testing';
import { AppModule } from '../app.module';
import { PublishedRecords } from '../test-support/published-records';
import { reportsTestConfig } from '../test-support/reports-test-config';

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/;
const REST_DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/;
const SNAPSHOT_DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/;

describe('/api/plugins/validity/tests/ on real PostgreSQL and Kafka', () => {
  const { kafka, databaseUrl, internalTopicHmacKey } = testInfrastructure();
  let service: TestService;
  let published: PublishedRecords;
  let testsUrl: string;

  let selectorsUrl: string;
  const send = (
    method: string,
    path: string,
    body?: unknown,
    authorization = service.auth,
    base = testsUrl,
  ) =>
    fetch(`${base}${path}`, {
      method,
      headers: { Authorization: authorization, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const answer = async (response: Response) => ({
    status: response.status,
    body: response.status === 204 ? null : ((await response.json()) as Record<string, unknown>),
  });
  const createTest = async (fields: Record<string, unknown> = {}) => {
    const response = await send(
      'POST',
      '',
      aComplianceTest({ description: 'checks NTP', expression: 'device.name != ""', ...fields }),
    );
    expect(response.status).toBe(201);
    return { body: (await response.json()) as Record<string, unknown> & { id: number }, response };
  };

  const createSelector = async (name: string) => {
    const response = await send('POST', '', { name }, service.auth, selectorsUrl);
    expect(response.status).toBe(201);
    return (await response.json()) as { id: number; name: string };
  };

  beforeAll(async () => {
    const config = reportsTestConfig(testServiceConfig('reports'));
    service = await startTestService(AppModule.register(config), config);
    testsUrl = `${service.url}/api/plugins/validity/tests/`;
    selectorsUrl = `${service.url}/api/plugins/validity/selectors/`;
    published = await PublishedRecords.follow(testInfrastructure().kafka, [
      'validity.compliancetest.created',
      'validity.compliancetest.updated',
      'validity.compliancetest.deleted',
    ]);
  });
  afterAll(async () => {
    await published.stop();
    await service.close();
  });

  it('answers 403 with NetBox texts without a valid token, and to a read-only token on writes', async () => {
    expect(await answer(await fetch(testsUrl))).toEqual({
      status: 403,
      body: { detail: 'Authentication credentials were not provided.' },
    });
    expect(await answer(await send('GET', '', undefined, `Token ${'0'.repeat(40)}`))).toEqual({
      status: 403,
      body: { detail: 'Invalid token' },
    });

    const key = generateTokenKey();
    const producer = await EventProducer.connect(createKafka(kafka, 'tests-spec'));
    const id = randomInt(1_000_000, 2_000_000_000); // far from the gateway's ids: the topic is shared
    await producer.send(TOKENS_TOPIC, [
      new InternalRecordAuthenticator(internalTopicHmacKey).sign(TOKENS_TOPIC, {
        key: String(id),
        value: encodeApiTokenRecord({
          id,
          user: { id: 1, username: 'admin' },
          key_sha256: hashTokenKey(key),
          write_enabled: false,
          expires: null,
        }),
        headers: {},
      }),
    ]);
    await producer.disconnect();
    await waitFor('the read-only token', async () =>
      (await send('GET', '', undefined, `Token ${key}`)).status === 200 ? true : undefined,
    );
    expect(await answer(await send('POST', '', { name: 'x' }, `Token ${key}`))).toEqual({
      status: 403,
      body: { detail: 'You do not have permission to perform this action.' },
    });
  });

  it('answers 400 naming every bad field with DRF and Validity messages, and stores nothing', async () => {
    expect(await answer(await send('POST', '', {}))).toEqual({
      status: 400,
      body: {
        name: ['This field is required.'],
        description: ['This field is required.'],
      },
    });
    // Validity 2.3: `expression` is optional for the serializer; the model's clean() asks for it.
    expect(
      await answer(await send('POST', '', { name: uniqueName('no-expression'), description: 'd' })),
    ).toEqual({
      status: 400,
      body: { expression: ['You must set either expression or both: data_source and data_file'] },
    });
    expect(
      await answer(
        await send('POST', '', {
          name: uniqueName('refs'),
          description: 'd',
          expression: 'True',
          selectors: [999999],
          data_source: 3,
          data_file: null,
          tags: [{ name: 'core' }],
        }),
      ),
    ).toEqual({
      status: 400,
      body: {
        selectors: ['Invalid pk "999999" - object does not exist.'],
        data_source: ['Related object not found using the provided numeric ID: 3'],
        data_file: ['This field may not be null.'],
        tags: ["Related object not found using the provided attributes: {'name': 'core'}"],
      },
    });
    expect(
      await answer(
        await send('POST', '', {
          name: '',
          description: 'd',
          expression: 'x = 1',
          severity: 'CRITICAL',
          custom_fields: 'x',
        }),
      ),
    ).toEqual({
      status: 400,
      body: {
        name: ['This field may not be blank.'],
        expression: ['Invalid Python expression'],
        severity: ['"CRITICAL" is not a valid choice.'],
        custom_fields: [
          'Invalid data format. Custom field data must be passed as a dictionary mapping field names to their values.',
        ],
      },
    });
    expect(await answer(await send('POST', '', [{ name: 'x' }]))).toEqual({
      status: 400,
      body: { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] },
    });
    expect(((await answer(await send('GET', ''))).body as { count: number }).count).toBe(0);
  });

  it('creates a test: 201, Location, Validity fields with absolute urls, and one created event', async () => {
    const name = uniqueName('ntp');
    const [zulu, alpha] = [
      await createSelector(uniqueName('zulu')),
      await createSelector(uniqueName('alpha')),
    ];
    const { body, response } = await createTest({
      name,
      severity: 'HIGH',
      custom_fields: { owner: 'noc' },
      selectors: [zulu.id, String(alpha.id), zulu.id],
    });
    const url = `${testsUrl}${body.id}/`;
    expect(response.headers.get('location')).toBe(url);
    const nested = (selector: { id: number; name: string }, base: string) => ({
      id: selector.id,
      url: `${base}/api/plugins/validity/selectors/${selector.id}/`,
      display: selector.name,
      name: selector.name,
    });
    expect(body).toEqual({
      id: body.id,
      url,
      display: name,
      name,
      severity: 'HIGH',
      description: 'checks NTP',
      effective_expression: 'device.name != ""',
      data_source: null,
      data_file: null,
      selectors: [nested(alpha, service.url), nested(zulu, service.url)],
      tags: [],
      custom_fields: { owner: 'noc' },
      created: expect.stringMatching(REST_DATETIME),
      last_updated: body.created,
    });
    expect(Object.keys(body)).toEqual(Object.keys(body).sort((a, b) => fieldOrder(a) - fieldOrder(b)));

    const requestId = response.headers.get('x-request-id')!;
    const [record] = await published.waitFor('the created event', (r) => r.envelope.request_id === requestId);
    expect(record.topic).toBe('validity.compliancetest.created');
    expect(record.key).toBe(String(body.id));
    expect(record.headers).toMatchObject({ 'object-type': 'validity.compliancetest', event: 'created' });
    expect(record.envelope).toEqual({
      event: 'created',
      timestamp: expect.stringMatching(TIMESTAMP),
      model: 'compliancetest',
      username: 'admin',
      request_id: requestId,
      data: {
        ...body,
        url: `/api/plugins/validity/tests/${body.id}/`,
        selectors: [nested(alpha, ''), nested(zulu, '')],
      },
      snapshots: {
        prechange: null,
        postchange: {
          created: expect.stringMatching(SNAPSHOT_DATETIME),
          last_updated: expect.stringMatching(SNAPSHOT_DATETIME),
          data_source: null,
          data_file: null,
          name,
          description: 'checks NTP',
          severity: 'HIGH',
          expression: 'device.name != ""',
          selectors: [alpha.id, zulu.id],
          custom_fields: { owner: 'noc' },
          tags: [],
        },
      },
    });
    expect(Object.keys(record.envelope.snapshots.postchange!)).toEqual(SNAPSHOT_ORDER);

    const filtered = (await answer(await send('GET', `?selector_id=${alpha.id}`))).body as {
      results: Array<{ id: number }>;
    };
    expect(filtered.results.map((test) => test.id)).toEqual([body.id]);
    expect(await answer(await send('GET', '?selector_id=999999&datasource_id=x'))).toEqual({
      status: 400,
      body: {
        selector_id: ['Select a valid choice. 999999 is not one of the available choices.'],
        datasource_id: ['\u201cx\u201d is not a valid value.'],
      },
    });
    // Deleting a selector drops it from its tests (the many-to-many rows go with it).
    expect((await send('DELETE', `${zulu.id}/`, undefined, service.auth, selectorsUrl)).status).toBe(204);
    expect(
      ((await answer(await send('GET', `${body.id}/`))).body as { selectors: unknown[] }).selectors,
    ).toEqual([nested(alpha, service.url)]);
  });

  it('refuses a second test with the same name', async () => {
    const { body } = await createTest();
    const again = { name: body.name, description: 'd', expression: 'True', severity: 'LOW' };
    expect(await answer(await send('POST', '', again))).toEqual({
      status: 400,
      body: { name: ['compliance test with this Name already exists.'] },
    });
  });

  it('lists tests by name with NetBox filters, brief and pagination', async () => {
    const prefix = uniqueName('list');
    const [b, a] = [
      await createTest({ name: `${prefix}-b` }),
      await createTest({ name: `${prefix}-a`, severity: 'LOW' }),
    ];
    const page = (await answer(await send('GET', `?name__isw=${prefix}&limit=1`))).body as {
      count: number;
      next: string;
      results: Array<{ id: number }>;
    };
    expect(page.count).toBe(2);
    expect(page.results.map((test) => test.id)).toEqual([a.body.id]);
    expect(page.next).toBe(`${testsUrl}?limit=1&name__isw=${prefix}&offset=1`);

    const brief = (await answer(await send('GET', `?q=${prefix}&severity=LOW&brief=1`))).body;
    expect(brief).toMatchObject({
      count: 1,
      results: [{ id: a.body.id, url: a.body.url, display: a.body.name, name: a.body.name, severity: 'LOW' }],
    });
    expect(Object.keys((brief as { results: object[] }).results[0])).toEqual([
      'id',
      'url',
      'display',
      'name',
      'severity',
    ]);
    expect((await answer(await send('GET', `${b.body.id}/`))).body).toEqual(b.body);
    expect(await answer(await send('GET', '?severity=URGENT'))).toEqual({
      status: 400,
      body: { severity: ['Select a valid choice. URGENT is not one of the available choices.'] },
    });
  });

  it('updates with PATCH and PUT, and sends updated events with both snapshots', async () => {
    const { body } = await createTest({ severity: 'LOW' });
    const patched = await send('PATCH', `${body.id}/`, { severity: 'HIGH' });
    expect(patched.status).toBe(200);
    const after = (await patched.json()) as Record<string, unknown>;
    expect(after).toEqual({ ...body, severity: 'HIGH', last_updated: expect.stringMatching(REST_DATETIME) });
    expect(after.last_updated).not.toBe(body.last_updated);

    const requestId = patched.headers.get('x-request-id')!;
    const [record] = await published.waitFor('the updated event', (r) => r.envelope.request_id === requestId);
    expect(record.topic).toBe('validity.compliancetest.updated');
    expect(record.envelope.snapshots.prechange).toMatchObject({ severity: 'LOW', name: body.name });
    expect(record.envelope.snapshots.postchange).toMatchObject({ severity: 'HIGH', name: body.name });

    expect(await answer(await send('PUT', `${body.id}/`, { name: body.name }))).toEqual({
      status: 400,
      body: { description: ['This field is required.'] },
    });
    const replaced = await answer(
      await send('PUT', `${body.id}/`, { name: body.name, description: 'new', expression: 'True' }),
    );
    expect(replaced).toMatchObject({
      status: 200,
      body: { description: 'new', effective_expression: 'True', severity: 'HIGH' },
    });
    expect(replaced.body).not.toHaveProperty('expression');
  });

  it('answers 404 for unknown or malformed ids and 405 for bulk writes and POST on an object', async () => {
    for (const [method, path] of [
      ['GET', '999999/'],
      ['GET', 'abc/'],
      ['PATCH', '999999/'],
      ['DELETE', '999999/'],
    ]) {
      expect(await answer(await send(method, path, method === 'PATCH' ? {} : undefined))).toEqual({
        status: 404,
        body: { detail: 'Not found.' },
      });
    }
    for (const [method, path] of [
      ['PUT', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['POST', '1/'],
    ]) {
      expect(await answer(await send(method, path, [{ id: 1 }]))).toEqual({
        status: 405,
        body: { detail: `Method "${method}" not allowed.` },
      });
    }
  });

  it('deletes with 204 and a deleted event carrying the prechange snapshot', async () => {
    const { body } = await createTest();
    const deleted = await send('DELETE', `${body.id}/`);
    expect(deleted.status).toBe(204);
    expect((await send('GET', `${body.id}/`)).status).toBe(404);
    const requestId = deleted.headers.get('x-request-id')!;
    const [record] = await published.waitFor('the deleted event', (r) => r.envelope.request_id === requestId);
    expect(record.topic).toBe('validity.compliancetest.deleted');
    expect(record.envelope.data).toEqual({ ...body, url: `/api/plugins/validity/tests/${body.id}/` });
    expect(record.envelope.snapshots).toEqual({
      prechange: expect.objectContaining({ name: body.name }),
      postchange: null,
    });
  });

  it('answers 409 to a write decided on a version another write replaced first', async () => {
    const { body } = await createTest();
    const schema = service.config.database.schema;
    const blocker = new Client({ connectionString: databaseUrl });
    // Not the blocker: inside a transaction pg_stat_activity keeps showing its first snapshot.
    const observer = new Client({ connectionString: databaseUrl });
    await Promise.all([blocker.connect(), observer.connect()]);
    try {
      // Hold the row so both writes read the same version, then queue behind this lock.
      await blocker.query('BEGIN');
      await blocker.query(`SELECT 1 FROM "${schema}"."compliance_tests" WHERE id = $1 FOR UPDATE`, [body.id]);
      const writes = [
        send('PATCH', `${body.id}/`, { description: 'first' }),
        send('PATCH', `${body.id}/`, { description: 'second' }),
      ];
      await waitFor('both writes waiting for the row', async () => {
        const { rows } = await observer.query<{ waiting: string }>(
          `SELECT count(*) AS waiting FROM pg_stat_activity
           WHERE application_name = $1 AND wait_event_type = 'Lock' AND query LIKE 'UPDATE%'`,
          [`validity-${schema}`],
        );
        return Number(rows[0].waiting) === 2 ? true : undefined;
      });
      await blocker.query('COMMIT');
      const answers = await Promise.all(writes.map(async (write) => answer(await write)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)?.body).toEqual({
        detail: 'This object was changed by another request; reload it and try again.',
      });
      const winner = answers.find((a) => a.status === 200)!.body!;
      expect((await answer(await send('GET', `${body.id}/`))).body).toMatchObject({
        description: winner.description,
      });
    } finally {
      await Promise.all([blocker.end(), observer.end()]);
    }
  });
});

const FIELD_ORDER = [
  'id',
  'url',
  'display',
  'name',
  'severity',
  'description',
  'effective_expression',
  'data_source',
  'data_file',
  'selectors',
  'tags',
  'custom_fields',
  'created',
  'last_updated',
];

const SNAPSHOT_ORDER = [
  'created',
  'last_updated',
  'data_source',
  'data_file',
  'name',
  'description',
  'severity',
  'expression',
  'selectors',
  'custom_fields',
  'tags',
];

function fieldOrder(field: string): number {
  return FIELD_ORDER.indexOf(field);
}
