import { DataSource } from 'typeorm';
import { rebuildProjections } from '@validity/platform/event-store';
import { ReportRetention } from './reports/use-cases/report-retention';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { AppModule } from './app.module';
import { reportsProjections } from './reports-projections';
import { reportsTestConfig } from './test-support/reports-test-config';

const STORE_REPORTS = 3;
const API = '/api/plugins/validity';

describe('the reports read models rebuilt from the event store', () => {
  let service: TestService;
  let dataSource: DataSource;
  const selectors: number[] = [];
  const tests: number[] = [];

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${service.url}${API}/${path}`, {
      method,
      headers: { authorization: service.auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as { id: number } };
  };
  const created = async (path: string, body: unknown): Promise<number> => {
    const answer = await call('POST', path, body);
    expect(answer.status).toBe(201);
    return answer.body.id;
  };

  const rebuild = () => {
    const schema = service.config.database.schema;
    return rebuildProjections(dataSource, schema, reportsProjections(schema));
  };

  /** Every answer a reader can get, as the exact bytes the API sends. */
  const answers = async (paths: readonly string[]): Promise<string[]> =>
    Promise.all(
      paths.map(async (path) => {
        const response = await fetch(`${service.url}${API}/${path}`, {
          headers: { authorization: service.auth },
        });
        return `${path} ${response.status} ${await response.text()}`;
      }),
    );
  const selectorAndTestPaths = () => [
    'selectors/',
    'selectors/?brief=1',
    'tests/',
    'tests/?brief=1',
    'tests/?q=ntp',
    ...selectors.map((id) => `selectors/${id}/`),
    ...tests.map((id) => `tests/${id}/`),
  ];

  beforeAll(async () => {
    const config = reportsTestConfig(testServiceConfig('reports'), STORE_REPORTS);
    service = await startTestService(AppModule.register(config), config);
    dataSource = service.app.get(DataSource);
  });
  afterAll(() => service?.close());

  it('answers tests and selectors byte for byte as before, and later writes continue streams and ids', async () => {
    selectors.push(
      await created('selectors/', { name: 'edge routers', name_filter: '^edge-(\\d+)$' }),
      await created('selectors/', { name: 'core', filter_operation: 'OR', status_filter: 'active' }),
      await created('selectors/', { name: 'gone soon', custom_fields: { owner: 'noc' } }),
    );
    expect(
      (
        await call('PATCH', `selectors/${selectors[0]}/`, {
          name: 'edge r\u00f6uters',
          dynamic_pairs: 'NAME',
        })
      ).status,
    ).toBe(200);
    tests.push(
      await created('tests/', {
        name: 'ntp configured',
        description: 'checks ntp',
        expression: "'ntp' in device.config",
        severity: 'LOW',
        selectors: [selectors[0], selectors[1]],
      }),
      await created('tests/', {
        name: 'bgp up',
        description: 'sessions established',
        expression: 'True',
        severity: 'HIGH',
        selectors: [selectors[2]],
      }),
      await created('tests/', { name: 'doomed', description: 'deleted later', expression: 'False' }),
      await created('tests/', { name: 'short-lived', description: 'x', expression: 'None' }),
    );
    expect(
      (
        await call('PATCH', `tests/${tests[0]}/`, {
          description: 'checks NTP \u2713',
          custom_fields: { weight: 1.5 },
        })
      ).status,
    ).toBe(200);
    expect((await call('DELETE', `tests/${tests[3]}/`)).status).toBe(204);
    // Its links to tests go with it, and the tests get no event for that.
    expect((await call('DELETE', `selectors/${selectors[2]}/`)).status).toBe(204);
    const before = await answers(selectorAndTestPaths());

    const summary = await rebuild();

    expect(summary.events).toBe(11);
    expect(await answers(selectorAndTestPaths())).toEqual(before);
    // Names stay taken ...
    expect(
      await call('POST', 'tests/', { name: 'bgp up', description: 'again', expression: 'True' }),
    ).toEqual({
      status: 400,
      body: { name: ['compliance test with this Name already exists.'] },
    });
    // ... later changes apply to the rebuilt rows ...
    expect((await call('PATCH', `selectors/${selectors[1]}/`, { name_filter: 'core' })).status).toBe(200);
    expect((await call('GET', `tests/${tests[0]}/`)).body).toMatchObject({
      selectors: [
        { id: selectors[1], name: 'core' },
        { id: selectors[0], name: 'edge r\u00f6uters' },
      ],
    });
    // ... and the sequences were kept: a new test does not reuse a deleted one's id.
    expect(
      await created('tests/', { name: 'later', description: 'after', expression: 'True' }),
    ).toBeGreaterThan(tests[3]);
  });

  it('answers reports and their results byte for byte as before, pruned and deleted reports staying deleted', async () => {
    const reports: number[] = [];
    const live = tests.slice(0, 3);
    for (const [index, device] of ['edge-1', 'edge-2', 'edge-1', 'core-\u00e9', 'edge-2'].entries()) {
      reports.push(
        await created('reports/', {
          results: live.flatMap((test, position) => [
            { test, device: { name: device }, passed: (index + position) % 2 === 0, explanation: [] },
            {
              test: position === 0 ? { name: 'ntp configured' } : test,
              device: { name: 'edge-3' },
              passed: position === 1,
              explanation: [[`len(x) > ${index}`, false]],
              dynamic_pair: { name: device },
            },
          ]),
          custom_fields: { run: index },
        }),
      );
    }
    await service.app.get(ReportRetention).caughtUp();
    // Retention (STORE_REPORTS = 3) pruned the two oldest; one more is deleted by hand, and a test with
    // its results.
    expect((await call('DELETE', `reports/${reports[3]}/`)).status).toBe(204);
    expect((await call('DELETE', `tests/${tests[2]}/`)).status).toBe(204);
    const results = (await call('GET', 'test-results/?limit=0')).body as unknown as {
      results: Array<{ id: number }>;
    };
    expect(results.results).toHaveLength(8);
    const paths = [
      ...selectorAndTestPaths(),
      'reports/',
      'reports/?brief=1',
      'test-results/',
      'test-results/?latest=true',
      'test-results/?latest=true&passed=false',
      'test-results/?severity=LOW',
      'test-results/?device_id=1&latest=true',
      `test-results/?report_id=${reports[4]}&limit=2&offset=1`,
      ...reports.map((id) => `reports/${id}/`),
      ...results.results.map(({ id }) => `test-results/${id}/`),
    ];
    const before = await answers(paths);

    const summary = await rebuild();

    expect(summary.projections).toEqual(['compliance selectors', 'compliance tests', 'compliance reports']);
    expect(await answers(paths)).toEqual(before);
    for (const id of [reports[0], reports[1], reports[3]]) {
      expect((await call('GET', `reports/${id}/`)).status).toBe(404);
    }
    // A new run after the rebuild gets a new id and becomes the latest where it overlaps.
    const next = await created('reports/', {
      results: [{ test: tests[0], device: { name: 'edge-2' }, passed: false, explanation: [] }],
    });
    expect(next).toBeGreaterThan(reports[4]);
    expect((await call('GET', `test-results/?report_id=${next}&latest=true`)).body).toMatchObject({
      count: 1,
    });
  });
});
