import { join } from 'node:path';
import { runPythonClient, uniqueName } from '@validity/testing';

const apiUrl = process.env.SYSTEM_API_URL!;
const adminToken = process.env.SYSTEM_ADMIN_TOKEN!;
const baseUrl = apiUrl.replace(/\/api\/$/, '');

interface SeenByPynetbox {
  created: Record<string, unknown> & { id: number };
  fetched: Record<string, unknown>;
  listed_ids: number[];
  missing_report: null;
  results_count: number;
  results_unique_ids: number;
  results_count_call: number;
  results_match: boolean;
  result_sample: Record<string, unknown>;
  result_test_severity_lazy: string;
  failed_high_count: number;
  test_ids: number[];
}

describe("Validity's report API through the gateway", () => {
  it('answers every validity route only with a token, from the reports service', async () => {
    for (const path of ['tests/', 'selectors/', 'reports/', 'test-results/']) {
      const response = await fetch(`${apiUrl}plugins/validity/${path}`);
      expect({ path, status: response.status, body: await response.json() }).toEqual({
        path,
        status: 403,
        body: { detail: 'Authentication credentials were not provided.' },
      });
    }
  });

  it('works unchanged with pynetbox: reports.all(), .get(id), test_results.filter() past 1,000 results', () => {
    const seen = runPythonClient<SeenByPynetbox>(join(__dirname, 'clients', 'pynetbox_reports.py'), {
      NB_URL: baseUrl,
      NB_TOKEN: adminToken,
      RUN_PREFIX: uniqueName('pynetbox'),
    });
    const { id } = seen.created;
    expect(seen.created).toEqual({
      id,
      url: `${apiUrl}plugins/validity/reports/${id}/`,
      display: `report-${id}`,
      device_count: 550,
      test_count: 2,
      total_passed: 732,
      total_count: 1100,
      low_passed: 366,
      low_count: 550,
      middle_passed: 0,
      middle_count: 0,
      high_passed: 366,
      high_count: 550,
      results_url: `${apiUrl}plugins/validity/test-results/?report_id=${id}`,
      custom_fields: { source: 'pynetbox' },
      created: expect.any(String),
      last_updated: expect.any(String),
    });
    expect(seen.fetched).toEqual(seen.created);
    expect(seen.listed_ids).toContain(id);
    expect(seen.missing_report).toBeNull();
    expect(seen).toMatchObject({
      results_count: 1100,
      results_unique_ids: 1100,
      results_count_call: 1100,
      results_match: true,
      result_test_severity_lazy: expect.stringMatching(/^(LOW|HIGH)$/),
      failed_high_count: 184,
    });
    expect(seen.result_sample).toMatchObject({
      url: expect.stringMatching(new RegExp(`^${apiUrl}plugins/validity/test-results/\\d+/$`)),
      report: { id, url: `${apiUrl}plugins/validity/reports/${id}/`, display: `report-${id}` },
      test: { id: expect.any(Number), url: expect.stringContaining(`${apiUrl}plugins/validity/tests/`) },
    });
  });

  it('works with pynetbox: nb.plugins.validity.selectors and .tests as against Validity 2.3', () => {
    const prefix = uniqueName('pyval');
    const seen = runPythonClient<Record<string, unknown>>(
      join(__dirname, 'clients', 'pynetbox_validity_tests.py'),
      {
        NB_URL: baseUrl,
        NB_TOKEN: adminToken,
        RUN_PREFIX: prefix,
      },
    );
    const selector = seen.selector as { id: number };
    const test = seen.test as { id: number; selectors: Array<{ id: number }> };
    expect(seen.selector).toEqual({
      id: selector.id,
      url: `${apiUrl}plugins/validity/selectors/${selector.id}/`,
      display: `${prefix}-routers`,
      name: `${prefix}-routers`,
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
      created: expect.any(String),
      last_updated: expect.any(String),
    });
    expect(seen).toMatchObject({
      selector_choices: {
        filter_operation: ['OR', 'AND'],
        dynamic_pairs: ['NO', 'NAME', 'TAG'],
      },
      selectors_by_dynamic_pairs: [`${prefix}-routers`],
      selectors_by_q: [`${prefix}-core`, `${prefix}-routers`],
      selector_count: 2,
      test: {
        id: test.id,
        url: `${apiUrl}plugins/validity/tests/${test.id}/`,
        name: `${prefix}-ntp`,
        severity: 'MIDDLE',
        effective_expression: "device.name != ''",
        data_source: null,
        data_file: null,
        tags: [],
      },
      test_selector_names: [`${prefix}-core`, `${prefix}-routers`],
      test_has_expression: false,
      tests_by_selector: [test.id],
      test_saved: true,
      test_after_save: { severity: 'LOW', selectors: [test.selectors[0].id] },
      test_choices: { severity: ['LOW', 'MIDDLE', 'HIGH'] },
      test_without_expression: {
        status: 400,
        body: { expression: ['You must set either expression or both: data_source and data_file'] },
      },
      missing_selector: null,
      deleted: [true, true, true],
    });
    expect(Object.keys(seen.test as object)).toEqual([
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
    ]);
  });
});
