import { DataSource } from 'typeorm';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aComplianceTest, uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import { purgeFinished } from '../test-support/purged-reports';
import { reportsTestConfig } from '../test-support/reports-test-config';

interface Page {
  count: number;
  next: string | null;
  results: Array<Record<string, unknown> & { id: number }>;
}

describe('/api/plugins/validity/test-results/ on real PostgreSQL', () => {
  let service: TestService;
  let api: string;
  const tests: Record<string, { id: number; name: string }> = {};
  const devices = { r1: uniqueName('r1'), r2: uniqueName('r2'), r3: uniqueName('r3') };
  let first: { id: number };
  let second: { id: number };

  const send = (method: string, path: string, body?: unknown, authorization: string | null = service.auth) =>
    fetch(`${api}${path}`, {
      method,
      headers: {
        ...(authorization === null ? {} : { Authorization: authorization }),
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const list = async (query: string): Promise<Page> => {
    const response = await send('GET', `test-results/?${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Page;
  };
  const ids = (page: Page) => page.results.map((result) => result.id);
  const postRun = async (results: unknown[]) => {
    const response = await send('POST', 'reports/', { results });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: number };
  };

  beforeAll(async () => {
    const config = reportsTestConfig(testServiceConfig('reports'));
    service = await startTestService(AppModule.register(config), config);
    api = `${service.url}/api/plugins/validity/`;
    for (const [key, severity] of [
      ['ntp', 'LOW'],
      ['ssh', 'HIGH'],
    ]) {
      const response = await send(
        'POST',
        'tests/',
        aComplianceTest({ name: uniqueName(key), description: key, severity }),
      );
      tests[key] = (await response.json()) as { id: number; name: string };
    }
    first = await postRun([
      { test: tests.ntp.id, device: { name: devices.r1 }, passed: false },
      { test: tests.ssh.id, device: { name: devices.r1 }, passed: true },
      { test: tests.ntp.id, device: { name: devices.r3 }, passed: true },
    ]);
    second = await postRun([
      { test: tests.ntp.id, device: { name: devices.r1 }, passed: true, explanation: [['x == 1', true]] },
      {
        test: { name: tests.ssh.name },
        device: { name: devices.r2 },
        passed: false,
        dynamic_pair: { name: devices.r1 },
      },
    ]);
  });
  afterAll(() => service.close());

  it('answers 403 without a token', async () => {
    expect((await send('GET', 'test-results/', undefined, null)).status).toBe(403);
  });

  it("shows Validity's nested shapes with absolute urls, newest first", async () => {
    const page = await list(`report_id=${second.id}`);
    expect(page.count).toBe(2);
    const [withPair, plain] = page.results;
    expect(withPair.id).toBeGreaterThan(plain.id);
    const pairId = (withPair.dynamic_pair as { id: number }).id;
    const deviceId = (withPair.device as { id: number }).id;
    expect(withPair).toEqual({
      id: withPair.id,
      url: `${api}test-results/${withPair.id}/`,
      display: `${tests.ssh.name}::${devices.r2}::failed`,
      test: {
        id: tests.ssh.id,
        url: `${api}tests/${tests.ssh.id}/`,
        display: tests.ssh.name,
        name: tests.ssh.name,
        severity: 'HIGH',
      },
      device: {
        id: deviceId,
        url: `${service.url}/api/dcim/devices/${deviceId}/`,
        display: devices.r2,
        name: devices.r2,
      },
      dynamic_pair: {
        id: pairId,
        url: `${service.url}/api/dcim/devices/${pairId}/`,
        display: devices.r1,
        name: devices.r1,
      },
      report: { id: second.id, url: `${api}reports/${second.id}/`, display: `report-${second.id}` },
      passed: false,
      explanation: [],
      custom_fields: {},
      created: expect.stringMatching(/Z$/),
      last_updated: expect.stringMatching(/Z$/),
    });
    expect(Object.keys(withPair)).toEqual([
      'id',
      'url',
      'display',
      'test',
      'device',
      'dynamic_pair',
      'report',
      'passed',
      'explanation',
      'custom_fields',
      'created',
      'last_updated',
    ]);
    expect(plain).toMatchObject({ dynamic_pair: null, explanation: [['x == 1', true]] });
    expect(await (await send('GET', `test-results/${plain.id}/`)).json()).toEqual(plain);
    expect(await (await send('GET', `test-results/${plain.id}/?brief=1`)).json()).toEqual({
      id: plain.id,
      url: plain.url,
      display: plain.display,
      passed: true,
    });
  });

  it('filters by report, test, device, passed, severity and search text, combined with AND', async () => {
    const all = await list(`report_id=${first.id}&report_id=${second.id}`);
    expect(all.count).toBe(5);
    const byTest = await list(`test_id=${tests.ssh.id}`);
    expect(byTest.results.every((result) => (result.test as { id: number }).id === tests.ssh.id)).toBe(true);
    expect(byTest.count).toBe(2);
    const r1 = (
      all.results.find((result) => (result.device as { name: string }).name === devices.r1)!.device as {
        id: number;
      }
    ).id;
    expect((await list(`device_id=${r1}`)).count).toBe(3);
    expect((await list('passed=False')).count).toBe(2);
    expect((await list('passed=true&severity=LOW')).count).toBe(2);
    expect((await list('severity=HIGH')).count).toBe(2);
    expect((await list(`q=${devices.r3.toUpperCase()}`)).count).toBe(1);
    expect((await list(`q=${tests.ssh.name}&passed=false`)).count).toBe(1);
    expect((await list('q=%25')).count).toBe(0);
    expect(await (await send('GET', 'test-results/?severity=LOUD&report_id=x')).json()).toEqual({
      severity: ['Select a valid choice. LOUD is not one of the available choices.'],
      report_id: ['Enter a whole number.'],
    });
  });

  it('keeps the newest result per test and device for latest=true, recomputed when a report goes', async () => {
    const firstResults = await list(`report_id=${first.id}`);
    const secondResults = await list(`report_id=${second.id}`);
    const olderNtpR3 = firstResults.results.find(
      (result) => (result.device as { name: string }).name === devices.r3,
    )!.id;
    const olderSshR1 = firstResults.results.find(
      (result) => (result.test as { id: number }).id === tests.ssh.id,
    )!.id;
    const latest = await list('latest=true');
    expect(ids(latest).sort()).toEqual([...ids(secondResults), olderNtpR3, olderSshR1].sort());
    expect((await list('latest=false')).count).toBe(5);

    expect((await send('DELETE', `reports/${second.id}/`)).status).toBe(204);
    expect(ids(await list('latest=True')).sort()).toEqual(ids(firstResults).sort());
  });

  it('pages with NetBox limit/offset and absolute next links', async () => {
    const page = await list('limit=2');
    expect(page.results).toHaveLength(2);
    expect(page.next).toBe(`${api}test-results/?limit=2&offset=2`);
    const next = (await (
      await fetch(page.next!, { headers: { Authorization: service.auth } })
    ).json()) as Page;
    expect(Math.max(...ids(next))).toBeLessThan(Math.min(...ids(page)));
  });

  it('is read-only: 405 for writes, 404 for unknown results', async () => {
    for (const [method, path] of [
      ['POST', 'test-results/'],
      ['PUT', 'test-results/'],
      ['DELETE', 'test-results/'],
      ['PATCH', 'test-results/1/'],
      ['DELETE', 'test-results/1/'],
    ]) {
      expect(await (await send(method, path, {})).json()).toEqual({
        detail: `Method "${method}" not allowed.`,
      });
    }
    expect((await send('GET', 'test-results/99999999999/')).status).toBe(404);
  });

  it('keeps the maintained counts exact through runs, report deletion and test deletion', async () => {
    const dataSource = service.app.get(DataSource);
    const schema = service.config.database.schema;
    // The results the list shows: a deleted report's stay in the table, hidden, until the purge.
    const countsDiffer = () =>
      dataSource.query(
        `(SELECT report_id, test_id, passed, count(*) AS results FROM "${schema}".test_results
           WHERE report_id NOT IN (SELECT report_id FROM "${schema}".purging_reports)
           GROUP BY report_id, test_id, passed
         EXCEPT SELECT report_id, test_id, passed, results FROM "${schema}".test_result_counts)
         UNION ALL
         (SELECT report_id, test_id, passed, results FROM "${schema}".test_result_counts
         EXCEPT SELECT report_id, test_id, passed, count(*) FROM "${schema}".test_results
           WHERE report_id NOT IN (SELECT report_id FROM "${schema}".purging_reports)
           GROUP BY report_id, test_id, passed)`,
      );
    // Every count the maintained table answers equals the number of results the same query lists.
    const expectCountsOfListings = async () => {
      for (const query of [
        '',
        'passed=False',
        `test_id=${tests.ntp.id}&passed=true`,
        `test_id=${tests.ssh.id}&test_id=${tests.ntp.id}`,
        'severity=HIGH&passed=False',
        `severity=LOW&report_id=${third.id}`,
        `report_id__n=${third.id}`,
      ]) {
        const page = await list(`${query}&limit=1000`);
        expect({ query, count: page.count }).toEqual({ query, count: page.results.length });
      }
    };
    const third = await postRun([
      { test: tests.ntp.id, device: { name: devices.r2 }, passed: false },
      { test: tests.ssh.id, device: { name: devices.r2 }, passed: false },
      { test: tests.ssh.id, device: { name: devices.r3 }, passed: true },
    ]);
    expect(await countsDiffer()).toEqual([]);
    expect((await list('severity=HIGH&passed=False')).count).toBe(1);
    await expectCountsOfListings();

    expect((await send('DELETE', `reports/${first.id}/`)).status).toBe(204);
    expect(await countsDiffer()).toEqual([]);
    await expectCountsOfListings();

    expect((await send('DELETE', `tests/${tests.ntp.id}/`)).status).toBe(204);
    expect(await countsDiffer()).toEqual([]);
    expect((await list('')).count).toBe(2);
    expect((await list(`test_id=${tests.ntp.id}`)).count).toBe(0);
    await expectCountsOfListings();

    // Once the purge has deleted the deleted report's results, the table holds exactly what is counted.
    await purgeFinished((sql) => dataSource.query(sql), schema);
    expect(await countsDiffer()).toEqual([]);
    const [{ purged }] = (await dataSource.query(
      `SELECT count(*)::int AS purged FROM "${schema}".test_results WHERE report_id = $1`,
      [first.id],
    )) as Array<{ purged: number }>;
    expect(purged).toBe(0);
  });
});
