import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { TestReceiver, uniqueName, type ReceivedRequest } from '@validity/testing';
import { kcatRecords } from './system-clients';

const apiUrl = process.env.SYSTEM_API_URL!;
const adminToken = process.env.SYSTEM_ADMIN_TOKEN!;
const fixtures = join(__dirname, '..', '..', 'ingest', 'src', 'netbox-hooks', 'fixtures');
const fixture = (name: string) => readFileSync(join(fixtures, name));

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { Authorization: `Token ${adminToken}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('beside a NetBox: its webhooks in through the hub, out on Kafka and to our webhooks', () => {
  let receiver: TestReceiver;
  beforeAll(async () => {
    receiver = await TestReceiver.start();
  });
  afterAll(() => receiver.close());

  it('delivers the exact bytes a NetBox 3.6 and 4.6 sent (unicode, a delete with postchange null), signed with our secret', async () => {
    const sourceName = uniqueName('netbox');
    const source = await api('POST', 'ingest/sources/', { name: sourceName, secret: 'netbox-side-secret' });
    expect(source.status).toBe(201);
    const hookPath = `/hooks/${sourceName}/`;
    const webhookSecret = 'our-receiver-secret';
    const webhook = await api('POST', 'extras/webhooks/', {
      name: sourceName,
      content_types: ['dcim.device'],
      type_create: true,
      type_delete: true,
      payload_url: `${receiver.url}${hookPath}`,
      secret: webhookSecret,
    });
    expect(webhook.status).toBe(201);

    const sent = [
      'netbox-3.6-device-created.json',
      'netbox-4.6-device-created.json',
      'netbox-3.6-device-deleted.json',
    ].map(fixture);
    for (const body of sent) {
      const response = await fetch(`${apiUrl}ingest/netbox/${sourceName}/`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Hook-Signature': createHmac('sha512', 'netbox-side-secret').update(body).digest('hex'),
        },
        body,
      });
      expect(response.status).toBe(200);
    }

    const deliveries = await receiver.waitForRequests(
      sent.length,
      (request: ReceivedRequest) => request.path === hookPath,
      60_000,
    );
    const standard = new Webhook(`whsec_${Buffer.from(webhookSecret).toString('base64')}`);
    for (const body of sent) {
      const delivery = deliveries.find((candidate) => candidate.body.equals(body));
      expect(delivery).toBeDefined();
      expect(delivery!.headers['x-hook-signature']).toBe(
        createHmac('sha512', webhookSecret).update(body).digest('hex'),
      );
      expect(() => standard.verify(delivery!.body.toString('utf8'), delivery!.headers)).not.toThrow();
    }

    const onKafka = (await kcatRecords('dcim.device.created')).filter((record) =>
      record.headers.includes(`source=${sourceName}`),
    );
    expect(onKafka.map((record) => record.value)).toEqual([
      sent[0].toString('utf8'),
      sent[1].toString('utf8'),
    ]);
    expect(onKafka.every((record) => record.key === '5')).toBe(true);
    expect(onKafka[0].headers).toContain('object-type=dcim.device');
  });

  it("delivers NetBox's job events (3.6 job_ended, 4.6 job_started) to a webhook with the job flags, and puts them on <type>.job_*", async () => {
    const sourceName = uniqueName('netbox-jobs');
    expect(
      (await api('POST', 'ingest/sources/', { name: sourceName, secret: 'netbox-jobs-secret' })).status,
    ).toBe(201);
    const hookPath = `/jobs/${sourceName}/`;
    const webhook = await api('POST', 'extras/webhooks/', {
      name: sourceName,
      content_types: ['core.datasource'],
      type_job_start: true,
      type_job_end: true,
      payload_url: `${receiver.url}${hookPath}`,
    });
    expect(webhook.status).toBe(201);

    const sent = ['netbox-3.6-datasource-job-ended.json', 'netbox-4.6-job-started.json'].map(fixture);
    for (const body of sent) {
      const response = await fetch(`${apiUrl}ingest/netbox/${sourceName}/`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Hook-Signature': createHmac('sha512', 'netbox-jobs-secret').update(body).digest('hex'),
        },
        body,
      });
      expect(response.status).toBe(200);
    }

    const deliveries = await receiver.waitForRequests(
      sent.length,
      (request: ReceivedRequest) => request.path === hookPath,
      60_000,
    );
    expect(deliveries.map((delivery) => delivery.body.toString('utf8')).sort()).toEqual(
      sent.map((body) => body.toString('utf8')).sort(),
    );

    const ofSource = async (topic: string) =>
      (await kcatRecords(topic)).filter((record) => record.headers.includes(`source=${sourceName}`));
    expect((await ofSource('core.datasource.job_ended')).map((record) => record.value)).toEqual([
      sent[0].toString('utf8'),
    ]);
    expect((await ofSource('core.datasource.job_started')).map((record) => record.value)).toEqual([
      sent[1].toString('utf8'),
    ]);
    expect((await ofSource('core.datasource.job_started'))[0].headers).toContain('event=job_started');
  });
});
