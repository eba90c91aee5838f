import type { Request, Response } from 'express';
import { ApiCallError } from '../api/api-call.error';
import type { ConsoleContext, ConsoleRoutes } from '../console-routes';
import {
  fieldErrorsOf,
  formMessages,
  renderField,
  type FieldErrors,
  type FieldSpec,
  type FormValues,
} from '../html/form-fields';
import { when } from '../html/format';
import { csrfField, renderPage } from '../html/layout';
import { html, type SafeHtml } from '../html/safe-html';
import { alert, badge, page, pager, ratioBar, table } from '../html/widgets';

type Row = Record<string, unknown> & { id: number; display: string };
type Nested = { id: number; display: string } | null;

const TESTS = '/api/plugins/validity/tests/';
const REPORTS = '/api/plugins/validity/reports/';
const RESULTS = '/api/plugins/validity/test-results/';
const SEVERITIES = [
  { value: 'LOW', label: 'Low' },
  { value: 'MIDDLE', label: 'Middle' },
  { value: 'HIGH', label: 'High' },
];

/** Validity's ComplianceTest fields and help texts. */
const TEST_FIELDS: readonly FieldSpec[] = [
  { name: 'name', label: 'Name', kind: 'text', required: true, help: 'Unique name of the test.' },
  { name: 'severity', label: 'Severity', kind: 'select', required: true, choices: SEVERITIES },
  { name: 'description', label: 'Description', kind: 'textarea', required: true },
  {
    name: 'expression',
    label: 'Expression',
    kind: 'textarea',
    required: true,
    code: true,
    help: 'A Python expression that is true when the device complies, e.g. jq.first(".ntp", device.config) is not None.',
  },
];
const TEST_FIELD_NAMES = TEST_FIELDS.map((field) => field.name);

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function send(
  response: Response,
  context: ConsoleContext,
  section: string,
  title: string,
  body: SafeHtml,
  options: { status?: number; actions?: SafeHtml | string } = {},
): void {
  response
    .status(options.status ?? 200)
    .type('html')
    .send(renderPage({ title, section, session: context.session, body, actions: options.actions }));
}

function testForm(
  context: ConsoleContext,
  action: string,
  values: FormValues,
  errors: FieldErrors,
  cancel: string,
): SafeHtml {
  return html`<form method="post" action="${action}" class="form" novalidate>
    ${csrfField(context.session)} ${alert(formMessages(errors))}
    ${TEST_FIELDS.map((spec) => renderField(spec, values[spec.name], errors[spec.name]))}
    <div class="form-actions">
      <button type="submit" class="button primary">Save</button>
      <a class="button plain" href="${cancel}">Cancel</a>
    </div>
  </form>`;
}

function testBody(form: Record<string, unknown>): { values: FormValues; body: Record<string, string> } {
  const body: Record<string, string> = {};
  for (const name of TEST_FIELD_NAMES) body[name] = text(form[name]);
  return { values: { ...body }, body };
}

function filterField(
  id: string,
  label: string,
  name: string,
  value: string | undefined,
  choices?: ReadonlyArray<{ value: string; label: string }>,
): SafeHtml {
  if (!choices)
    return html`<div class="field">
      <label for="${id}">${label}</label><input id="${id}" name="${name}" value="${value ?? ''}" />
    </div>`;
  return html`<div class="field">
    <label for="${id}">${label}</label
    ><select id="${id}" name="${name}">
      <option value="">Any</option>
      ${choices.map(
        (choice) =>
          html`<option value="${choice.value}" ${value === choice.value ? html` selected` : ''}>
            ${choice.label}
          </option>`,
      )}
    </select>
  </div>`;
}

function filtersOf(query: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const name of names)
    if (typeof query[name] === 'string' && query[name] !== '') filters[name] = query[name];
  return filters;
}

function severityBars(report: Row): SafeHtml {
  return html`<div class="bars">
    ${ratioBar('All', Number(report.total_passed), Number(report.total_count))}${SEVERITIES.map((severity) =>
      ratioBar(
        severity.label,
        Number(report[`${severity.value.toLowerCase()}_passed`]),
        Number(report[`${severity.value.toLowerCase()}_count`]),
      ),
    )}
  </div>`;
}

async function testsList(request: Request, response: Response, context: ConsoleContext): Promise<void> {
  const query = request.query as Record<string, string>;
  const filters = filtersOf(query, ['q', 'severity']);
  const { page: current, perPage, offset } = page(query);
  const result = await context.api.list<Row>(TESTS, { ...filters, limit: perPage, offset });
  const notice = text(query.notice);
  const body = html`${notice ? alert([notice], 'success') : ''}
    <form method="get" class="filters" role="search" aria-label="Filter tests">
      ${filterField('f_q', 'Search', 'q', filters.q)}${filterField('f_sev', 'Severity', 'severity', filters.severity, SEVERITIES)}<button
        class="button"
        type="submit"
      >
        Filter
      </button>
    </form>
    ${table<Row>(
      'Compliance tests',
      [
        { label: 'Name', essential: true, cell: (test) => text(test.name) },
        {
          label: 'Severity',
          essential: true,
          cell: (test) => text((test.severity as { label?: string } | null)?.label ?? test.severity),
        },
        { label: 'Description', cell: (test) => text(test.description) },
        {
          label: 'Actions',
          essential: true,
          cell: (test) =>
            context.session.writeEnabled
              ? html`<a href="/plugins/validity/tests/${test.id}/edit/"
                    >Edit<span class="visually-hidden"> ${text(test.name)}</span></a
                  >
                  ·
                  <a href="/plugins/validity/tests/${test.id}/delete/"
                    >Delete<span class="visually-hidden"> ${text(test.name)}</span></a
                  >`
              : html`<a href="/plugins/validity/results/?test_id=${test.id}">Results</a>`,
        },
      ],
      result.results,
      'No compliance tests.',
    )}
    ${pager('/plugins/validity/tests/', filters, current, perPage, result.count)}`;
  send(response, context, 'tests', 'Compliance tests', body, {
    actions: context.session.writeEnabled
      ? html`<a class="button primary" href="/plugins/validity/tests/add/">Add</a>`
      : '',
  });
}

async function reportsList(request: Request, response: Response, context: ConsoleContext): Promise<void> {
  const query = request.query as Record<string, string>;
  const { page: current, perPage, offset } = page(query);
  const result = await context.api.list<Row>(REPORTS, { limit: perPage, offset });
  const body = html`${table<Row>(
    'Compliance reports',
    [
      {
        label: 'Report',
        essential: true,
        cell: (report) => html`<a href="/plugins/validity/reports/${report.id}/">${report.display}</a>`,
      },
      { label: 'Created', cell: (report) => when(report.created) },
      { label: 'Devices', cell: (report) => text(report.device_count) },
      { label: 'Passed / total per severity', essential: true, cell: (report) => severityBars(report) },
    ],
    result.results,
    'No reports yet: post a compliance run to /api/plugins/validity/reports/.',
  )}
  ${pager('/plugins/validity/reports/', {}, current, perPage, result.count)}`;
  send(response, context, 'reports', 'Compliance reports', body);
}

async function reportPage(request: Request, response: Response, context: ConsoleContext): Promise<void> {
  const answer = await context.api.get<Row>(`${REPORTS}${Number(request.params.id)}/`);
  if (answer.status === 404)
    return send(response, context, 'reports', 'Not found', alert(['No report matches the given query.']), {
      status: 404,
    });
  if (answer.status !== 200) throw new ApiCallError(REPORTS, answer);
  const report = answer.body;
  const body = html`<section class="card" aria-labelledby="h-report">
      <h2 id="h-report">Report</h2>
      <dl class="attrs">
        <dt>Created</dt>
        <dd>${when(report.created)}</dd>
        <dt>Devices</dt>
        <dd>${text(report.device_count)}</dd>
        <dt>Tests</dt>
        <dd>${text(report.test_count)}</dd>
        <dt>Passed</dt>
        <dd>${severityBars(report)}</dd>
      </dl>
    </section>
    <p>
      <a class="button" href="/plugins/validity/results/?report_id=${report.id}">Results of this report</a>
      <a class="button" href="/plugins/validity/results/?report_id=${report.id}&amp;passed=false"
        >Failed results</a
      >
    </p>`;
  send(response, context, 'reports', report.display, body);
}

async function resultsList(request: Request, response: Response, context: ConsoleContext): Promise<void> {
  const query = request.query as Record<string, string>;
  const filters = filtersOf(query, [
    'report_id',
    'device_id',
    'test_id',
    'passed',
    'severity',
    'latest',
    'q',
  ]);
  const { page: current, perPage, offset } = page(query);
  const result = await context.api.list<Row>(RESULTS, { ...filters, limit: perPage, offset });
  const yesNo = [
    { value: 'true', label: 'Yes' },
    { value: 'false', label: 'No' },
  ];
  const body = html`<form method="get" class="filters" role="search" aria-label="Filter results">
      ${filterField('f_report', 'Report ID', 'report_id', filters.report_id)}${filterField('f_device', 'Device ID', 'device_id', filters.device_id)}${filterField('f_test', 'Test ID', 'test_id', filters.test_id)}
      ${filterField('f_passed', 'Passed', 'passed', filters.passed, yesNo)}${filterField('f_sev', 'Severity', 'severity', filters.severity, SEVERITIES)}${filterField('f_latest', 'Latest only', 'latest', filters.latest, yesNo)}${filterField('f_q', 'Search', 'q', filters.q)}
      <button class="button" type="submit">Filter</button>
    </form>
    ${table<Row>(
      'Test results',
      [
        { label: 'Result', essential: true, cell: (row) => row.display },
        { label: 'Device', cell: (row) => (row.device as Nested)?.display ?? '' },
        { label: 'Test', cell: (row) => (row.test as Nested)?.display ?? '' },
        {
          label: 'Passed',
          essential: true,
          cell: (row) => (row.passed ? badge('Passed', 'ok') : badge('Failed', 'bad')),
        },
        {
          label: 'Report',
          cell: (row) =>
            html`<a href="/plugins/validity/reports/${(row.report as Nested)?.id ?? ''}/"
              >${(row.report as Nested)?.display ?? ''}</a
            >`,
        },
        { label: 'Created', cell: (row) => when(row.created) },
      ],
      result.results,
      'No results match.',
    )}
    ${pager('/plugins/validity/results/', filters, current, perPage, result.count)}`;
  send(response, context, 'results', 'Test results', body);
}

async function loadTest(context: ConsoleContext, id: unknown): Promise<Row | undefined> {
  const answer = await context.api.get<Row>(`${TESTS}${Number(id)}/`);
  if (answer.status === 404) return undefined;
  if (answer.status !== 200) throw new ApiCallError(TESTS, answer);
  return answer.body;
}

/** Compliance: tests (list, add, edit, delete), reports with per-severity bars, results with the API's filters. */
export function registerCompliancePages(routes: ConsoleRoutes): void {
  routes.page('/plugins/validity/tests/', testsList);
  routes.page('/plugins/validity/tests/add/', async (_request, response, context) =>
    send(
      response,
      context,
      'tests',
      'Add a new compliance test',
      testForm(
        context,
        '/plugins/validity/tests/add/',
        { severity: 'MIDDLE' },
        {},
        '/plugins/validity/tests/',
      ),
    ),
  );
  routes.action('/plugins/validity/tests/add/', async (request, response, context) => {
    const { values, body } = testBody(request.body as Record<string, unknown>);
    const answer = await context.api.send('POST', TESTS, body);
    if (answer.status === 201)
      return void response.redirect(303, '/plugins/validity/tests/?notice=Created+compliance+test');
    send(
      response,
      context,
      'tests',
      'Add a new compliance test',
      testForm(
        context,
        '/plugins/validity/tests/add/',
        values,
        fieldErrorsOf(answer.body, TEST_FIELD_NAMES),
        '/plugins/validity/tests/',
      ),
      { status: 400 },
    );
  });
  routes.page('/plugins/validity/tests/:id/edit/', async (request, response, context) => {
    const test = await loadTest(context, request.params.id);
    if (!test)
      return send(
        response,
        context,
        'tests',
        'Not found',
        alert(['No compliance test matches the given query.']),
        { status: 404 },
      );
    const values: FormValues = {
      name: text(test.name),
      description: text(test.description),
      expression: text(test.expression),
      severity: text((test.severity as { value?: string } | null)?.value ?? test.severity),
    };
    send(
      response,
      context,
      'tests',
      `Editing ${text(test.name)}`,
      testForm(context, `/plugins/validity/tests/${test.id}/edit/`, values, {}, '/plugins/validity/tests/'),
    );
  });
  routes.action('/plugins/validity/tests/:id/edit/', async (request, response, context) => {
    const id = Number(request.params.id);
    const { values, body } = testBody(request.body as Record<string, unknown>);
    const answer = await context.api.send('PATCH', `${TESTS}${id}/`, body);
    if (answer.status === 200)
      return void response.redirect(303, '/plugins/validity/tests/?notice=Saved+compliance+test');
    send(
      response,
      context,
      'tests',
      `Editing test ${id}`,
      testForm(
        context,
        `/plugins/validity/tests/${id}/edit/`,
        values,
        fieldErrorsOf(answer.body, TEST_FIELD_NAMES),
        '/plugins/validity/tests/',
      ),
      { status: 400 },
    );
  });
  routes.page('/plugins/validity/tests/:id/delete/', async (request, response, context) => {
    const test = await loadTest(context, request.params.id);
    if (!test)
      return send(
        response,
        context,
        'tests',
        'Not found',
        alert(['No compliance test matches the given query.']),
        { status: 404 },
      );
    send(
      response,
      context,
      'tests',
      `Delete ${text(test.name)}?`,
      html`<form method="post" action="/plugins/validity/tests/${test.id}/delete/" class="form narrow">
        ${csrfField(context.session)}
        <p>Are you sure you want to delete compliance test <strong>${text(test.name)}</strong>?</p>
        <div class="form-actions">
          <button type="submit" class="button danger">Delete</button>
          <a class="button plain" href="/plugins/validity/tests/">Cancel</a>
        </div>
      </form>`,
    );
  });
  routes.action('/plugins/validity/tests/:id/delete/', async (request, response, context) => {
    const answer = await context.api.send('DELETE', `${TESTS}${Number(request.params.id)}/`);
    if (answer.status !== 204) throw new ApiCallError(TESTS, answer);
    response.redirect(303, '/plugins/validity/tests/?notice=Deleted+compliance+test');
  });
  routes.page('/plugins/validity/reports/', reportsList);
  routes.page('/plugins/validity/reports/:id/', reportPage);
  routes.page('/plugins/validity/results/', resultsList);
}
