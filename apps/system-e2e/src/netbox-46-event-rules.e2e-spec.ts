import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  aComplianceRun,
  aComplianceTest,
  ensurePythonVenv,
  runPythonClient,
  startStackProcess,
  TestReceiver,
  testPort,
  uniqueName,
  type StartedStack,
} from '@validity/testing';
import { runSchemathesis } from './fuzz/run-schemathesis';

const repoRoot = join(__dirname, '..', '..', '..');

interface ScriptOutput {
  pynetbox: string;
  version: string;
  webhook: Record<string, unknown>;
  rule: Record<string, unknown>;
  event_type_choices: string[];
}

describe('NETBOX_API_VERSION=4.6: Validity 3.x’s pynetbox script, a compliance run, NetBox 4.6’s body', () => {
  // A stack of its own: the setting is process-wide, and the other system specs speak 3.6.
  let stack: StartedStack;
  let receiver: TestReceiver;
  beforeAll(async () => {
    receiver = await TestReceiver.start({ port: testPort(31009) });
    stack = await startStackProcess({
      NETBOX_API_VERSION: '4.6',
      GATEWAY_PORT: String(testPort(31000)),
      REPORTS_PORT: String(testPort(31001)),
      WEBHOOK_REGISTRY_PORT: String(testPort(31002)),
      DISPATCHER_PORT: String(testPort(31003)),
      INGEST_PORT: String(testPort(31004)),
      KAFKA_PORT: String(testPort(31192)),
      POSTGRES_PORT: String(testPort(25399)),
      KAFKA_BROKERS: undefined,
      DATABASE_URL: undefined,
      ADMIN_TOKEN: '4646464646464646464646464646464646464646',
      STACK_DIR: join(repoRoot, '.stack', 'test', uniqueName('netbox46-stack')),
    });
  }, 600_000);
  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
  }, 60_000);

  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { Authorization: `Token ${stack.adminToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: JSON.parse(text) as Record<string, unknown>,
    };
  }

  it('creates the webhook and event rule with pynetbox 7.8, and a compliance run reaches the receiver in 4.6’s shape', async () => {
    const python = join(
      ensurePythonVenv(
        join(repoRoot, '.stack', 'venvs', 'pynetbox-4.6'),
        join(__dirname, 'clients', 'requirements-pynetbox-4.6.txt'),
        (line) => process.stderr.write(`[netbox-4.6] ${line}\n`),
      ),
      'python',
    );
    const name = uniqueName('validity3');
    const hookPath = `/api/webhook/${name}/`;
    const secret = 'validity-3-docs-secret';
    const output = runPythonClient<ScriptOutput>(
      join(__dirname, 'clients', 'pynetbox_validity3_event_rule.py'),
      {
        NB_URL: stack.apiUrl.replace(/\/api\/$/, ''),
        NB_TOKEN: stack.adminToken,
        HOOK_NAME: name,
        HOOK_URL: `${receiver.url}${hookPath}`,
        HOOK_SECRET: secret,
      },
      python,
    );
    expect(output.pynetbox).toBe('7.8.0');
    expect(output.version).toBe('4.6');
    expect(output.webhook).not.toHaveProperty('content_types');
    expect(output.webhook).not.toHaveProperty('type_create');
    expect(output.rule).toMatchObject({
      name: `${name}-event`,
      object_types: ['validity.compliancereport'],
      event_types: ['object_created'],
      action_object_type: 'extras.webhook',
      action_object_id: output.webhook.id,
      enabled: true,
    });
    expect(output.event_type_choices).toEqual(expect.arrayContaining(['object_created', 'job_started']));

    const test = await api(
      'POST',
      'plugins/validity/tests/',
      aComplianceTest({ name: `${name}-ntp`, severity: 'LOW' }),
    );
    expect(test.status).toBe(201);
    const run = await api(
      'POST',
      'plugins/validity/reports/',
      aComplianceRun(test.body.id as number, 1, name),
    );
    expect(run.status).toBe(201);
    expect(run.headers.get('api-version')).toBe('4.6');
    const reportId = run.body.id as number;
    const requestId = run.headers.get('x-request-id');

    const [delivery] = await receiver.waitForRequests(1, (request) => request.path === hookPath, 60_000);
    const text = delivery.body.toString('utf8');
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'event',
      'timestamp',
      'object_type',
      'username',
      'request_id',
      'data',
      'request',
      'snapshots',
    ]);
    expect(body).toMatchObject({
      event: 'created',
      object_type: 'validity.compliancereport',
      username: 'admin',
      request_id: requestId,
      data: {
        id: reportId,
        url: `/api/plugins/validity/reports/${reportId}/`,
        display: `report-${reportId}`,
      },
      request: { id: requestId, method: 'POST', path: '/api/plugins/validity/reports/', user: 'admin' },
      snapshots: { prechange: null },
    });
    // Python's json.dumps spelling, signed over the exact bytes as NetBox signs.
    expect(text).toContain('"event": "created", "timestamp": ');
    expect(delivery.headers['x-hook-signature']).toBe(
      createHmac('sha512', secret).update(delivery.body).digest('hex'),
    );
  }, 300_000);

  it('delivers a NetBox 4.6 job event taken in by the hub to an event rule on job_started, as NetBox sent it', async () => {
    const name = uniqueName('job-rule');
    expect((await api('POST', 'ingest/sources/', { name, secret: 'netbox-46-secret' })).status).toBe(201);
    const hookPath = `/api/jobs/${name}/`;
    const webhook = await api('POST', 'extras/webhooks/', {
      name,
      payload_url: `${receiver.url}${hookPath}`,
    });
    expect(webhook.status).toBe(201);
    const rule = await api('POST', 'extras/event-rules/', {
      name: `${name}-rule`,
      object_types: ['core.datasource'],
      event_types: ['job_started', 'job_completed'],
      action_type: 'webhook',
      action_object_type: 'extras.webhook',
      action_object_id: webhook.body.id,
    });
    expect(rule.status).toBe(201);

    const body = readFileSync(
      join(repoRoot, 'apps', 'ingest', 'src', 'netbox-hooks', 'fixtures', 'netbox-4.6-job-started.json'),
    );
    const response = await fetch(`${stack.apiUrl}ingest/netbox/${name}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Hook-Signature': createHmac('sha512', 'netbox-46-secret').update(body).digest('hex'),
      },
      body,
    });
    expect(response.status).toBe(200);

    const [delivery] = await receiver.waitForRequests(1, (request) => request.path === hookPath, 60_000);
    expect(delivery.body.equals(body)).toBe(true);
  }, 120_000);

  // Last in this file: the fuzzer rewrites and deletes whatever ids it guesses. The 3.6 pass
  // (rest-fuzz.e2e-spec.ts) covers every resource with every phase; this one covers what 4.6 serves
  // differently, plus the hub, with generated examples only, so it stays short.
  it('fuzzes the 4.6 event-rules and webhooks resources and the hub: no 5xx, nothing outside the OpenAPI', () => {
    const run = runSchemathesis({
      apiUrl: stack.apiUrl,
      adminToken: stack.adminToken,
      maxExamples: Number(process.env.FUZZ_46_MAX_EXAMPLES ?? 10),
      includePathRegex: '^/api/(extras/(event-rules|webhooks)|ingest)/',
      // The coverage and stateful phases made ~4,400 requests (128 s) here: the 3.6 pass runs them.
      phases: ['examples', 'fuzzing'],
      label: 'fuzz-4.6',
    });
    expect({ exit: run.exit, failures: run.failures }).toEqual({ exit: 0, failures: [] });
    expect(run.generated).toBeGreaterThan(0);
  }, 600_000);
});
