import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import {
  aComplianceRun,
  aComplianceTest,
  runPythonClient,
  TestReceiver,
  testPort,
  uniqueName,
  type ReceivedRequest,
} from '@validity/testing';
import { kcatRecords } from './system-clients';

const apiUrl = process.env.SYSTEM_API_URL!;
const adminToken = process.env.SYSTEM_ADMIN_TOKEN!;
const headers = { Authorization: `Token ${adminToken}`, 'Content-Type': 'application/json' };

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

describe('the Validity documentation scenario, end to end', () => {
  let receiver: TestReceiver;
  const secret = 'validity-docs-secret';
  const prefix = uniqueName('flow');

  beforeAll(async () => {
    receiver = await TestReceiver.start({ port: testPort(9000) });
  });
  afterAll(() => receiver.close());

  it('delivers one signed NetBox body per compliance run to the receiver on port 9000, and Kafka holds the same bytes', async () => {
    const hookPath = `/api/webhook/${prefix}/`;
    runPythonClient(join(__dirname, 'clients', 'pynetbox_validity_webhook.py'), {
      NB_URL: apiUrl.replace(/\/api\/$/, ''),
      NB_TOKEN: adminToken,
      HOOK_NAME: prefix,
      HOOK_URL: `${receiver.url}${hookPath}`,
      HOOK_SECRET: secret,
    });

    const test = await api(
      'POST',
      'plugins/validity/tests/',
      aComplianceTest({ name: `${prefix}-ntp`, severity: 'HIGH' }),
    );
    expect(test.status).toBe(201);
    const run = await api(
      'POST',
      'plugins/validity/reports/',
      aComplianceRun(test.body!.id as number, [{}, { passed: false, explanation: [['x', 1]] }], prefix),
    );
    expect(run.status).toBe(201);
    const reportId = run.body!.id as number;

    // The documentation's webhook takes every compliance report, so the runs that spec files beside
    // this one post reach it too: this run's delivery is the one about its report.
    const [delivery] = await receiver.waitForRequests(
      1,
      (request: ReceivedRequest) =>
        request.path === hookPath &&
        (JSON.parse(request.body.toString('utf8')) as { data?: { id?: unknown } }).data?.id === reportId,
      30_000,
    );
    const body = JSON.parse(delivery.body.toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'event',
      'timestamp',
      'model',
      'username',
      'request_id',
      'data',
      'snapshots',
    ]);
    expect(body).toMatchObject({
      event: 'created',
      model: 'compliancereport',
      username: 'admin',
      request_id: run.headers.get('x-request-id'),
      data: {
        id: reportId,
        url: `/api/plugins/validity/reports/${reportId}/`,
        display: `report-${reportId}`,
        device_count: 2,
        test_count: 1,
        total_count: 2,
        total_passed: 1,
        high_count: 2,
        high_passed: 1,
        results_url: `/api/plugins/validity/test-results/?report_id=${reportId}`,
      },
      snapshots: { prechange: null },
    });
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
    expect(delivery.headers['content-type']).toBe('application/json');

    const expectedSignature = createHmac('sha512', secret).update(delivery.body).digest('hex');
    expect(delivery.headers['x-hook-signature']).toBe(expectedSignature);
    const standard = new Webhook(`whsec_${Buffer.from(secret).toString('base64')}`);
    expect(() => standard.verify(delivery.body.toString('utf8'), delivery.headers)).not.toThrow();

    const published = (await kcatRecords('validity.compliancereport.created')).find(
      (record) =>
        record.key === String(reportId) &&
        record.value.includes(`"request_id": "${String(body.request_id)}"`),
    );
    expect(published?.value).toBe(delivery.body.toString('utf8'));
    expect(published?.headers).toContain('content-type=application/json');
    expect(published?.headers).toContain('object-type=validity.compliancereport');
    expect(published?.headers).toMatch(/event-id=[0-9a-f-]{36}/);
  });

  it('sends update and delete events only to webhooks that ask for them, with conditions and body templates', async () => {
    const onDelete = `/api/webhook/${prefix}-delete/`;
    const onCreate = `/api/webhook/${prefix}-create/`;
    for (const [name, path, flags] of [
      [`${prefix}-delete`, onDelete, { type_delete: true }],
      [`${prefix}-create`, onCreate, { type_create: true }],
    ] as const) {
      const created = await api('POST', 'extras/webhooks/', {
        name,
        content_types: ['validity.compliancetest'],
        payload_url: `${receiver.url}${path}`,
        body_template: '{"event": "{{ event }}", "name": "{{ data.name }}"}',
        // The name condition keeps out LOW tests that spec files running beside this one create.
        conditions: {
          and: [
            { attr: 'severity', value: 'LOW' },
            { attr: 'name', op: 'in', value: [`${prefix}-low`, `${prefix}-high`] },
          ],
        },
        ...flags,
      });
      expect(created.status).toBe(201);
    }
    const low = await api(
      'POST',
      'plugins/validity/tests/',
      aComplianceTest({ name: `${prefix}-low`, severity: 'LOW' }),
    );
    const high = await api(
      'POST',
      'plugins/validity/tests/',
      aComplianceTest({ name: `${prefix}-high`, severity: 'HIGH' }),
    );
    expect([low.status, high.status]).toEqual([201, 201]);
    expect((await api('DELETE', `plugins/validity/tests/${String(high.body!.id)}/`)).status).toBe(204);
    expect((await api('DELETE', `plugins/validity/tests/${String(low.body!.id)}/`)).status).toBe(204);

    const [deleted] = await receiver.waitForRequests(1, (request) => request.path === onDelete, 30_000);
    expect(deleted.body.toString('utf8')).toBe(`{"event": "deleted", "name": "${prefix}-low"}`);
    const [created] = await receiver.waitForRequests(1, (request) => request.path === onCreate, 30_000);
    expect(created.body.toString('utf8')).toBe(`{"event": "created", "name": "${prefix}-low"}`);

    // The HIGH test matched no condition and the create-only hook never hears of deletes.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.requests.filter((request) => request.path === onDelete)).toHaveLength(1);
    expect(receiver.requests.filter((request) => request.path === onCreate)).toHaveLength(1);
  });
});
