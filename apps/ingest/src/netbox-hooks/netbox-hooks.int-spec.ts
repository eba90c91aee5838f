import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKafka } from '@validity/platform/kafka';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { testInfrastructure, uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import type { IngestConfig } from '../config';
import { hookSignature } from './domain/hook-signature';
import { readSourceRecords } from './testing/source-records';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));

const FIXTURES = [
  ['netbox-3.6-device-created.json', 'dcim.device.created', '5'],
  ['netbox-3.6-device-deleted.json', 'dcim.device.deleted', '5'],
  ['netbox-3.4-site-updated.json', 'dcim.site.updated', '2'],
  ['netbox-3.6-job-ended.json', 'extras.scriptmodule.job_ended', null],
  ['netbox-3.6-datasource-job-ended.json', 'core.datasource.job_ended', null],
  ['netbox-4.6-device-created.json', 'dcim.device.created', '5'],
  ['netbox-4.6-compliancereport-created.json', 'validity.compliancereport.created', '31'],
  ['netbox-4.6-job-started.json', 'core.datasource.job_started', '3'],
] as const;

const BODY_LIMIT_BYTES = 64 * 1024;
const RATE_BURST = 20;

interface Accepted {
  detail: string;
  event_id: string;
  topic: string;
  duplicate: boolean;
}

describe('NetBox hub: NetBox webhook requests in, the same bytes out on Kafka', () => {
  let service: TestService;
  const kafka = createKafka(testInfrastructure().kafkaBrokers, 'ingest-spec');

  let floodConfig: IngestConfig;

  beforeAll(async () => {
    const config: IngestConfig = {
      ...testServiceConfig('ingest'),
      ingest: {
        bodyLimitBytes: BODY_LIMIT_BYTES,
        ratePerSecond: 1000,
        rateBurst: RATE_BURST,
        dedupWindowSeconds: 86_400,
        publishTimeoutMs: 15_000,
      },
    };
    floodConfig = config;
    service = await startTestService(AppModule.register(config), config, {
      bodyLimitBytes: BODY_LIMIT_BYTES,
    });
  });
  afterAll(() => service?.close());

  const createSource = async (fields: Record<string, unknown> = {}) => {
    const name = uniqueName('netbox');
    const response = await fetch(`${service.url}/api/ingest/sources/`, {
      method: 'POST',
      headers: { Authorization: service.auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name,
        secret: `secret-${name}`,
        netbox_url: 'https://netbox.example',
        ...fields,
      }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: number; name: string; secret: string };
  };

  const post = (source: string, body: Buffer, signature: string | undefined) =>
    fetch(`${service.url}/api/ingest/netbox/${source}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(signature === undefined ? {} : { 'X-Hook-Signature': signature }),
      },
      body,
    });

  const postSigned = async (source: { name: string; secret: string }, body: Buffer) => {
    const response = await post(source.name, body, hookSignature(source.secret, body));
    return { status: response.status, body: (await response.json()) as Accepted & { detail: unknown } };
  };

  /**
   * A last, valid request to the one-partition `topic`: reading up to it shows everything the source
   * published there before it.
   */
  const marker = async (source: { name: string; secret: string }, topic: string) => {
    const body = Buffer.from(
      JSON.stringify({
        event: topic.slice(topic.lastIndexOf('.') + 1),
        timestamp: new Date().toISOString(),
        object_type: topic.slice(0, topic.lastIndexOf('.')),
        username: 'marker',
        request_id: null,
        data: { id: 999, name: uniqueName('marker') },
        snapshots: { prechange: null, postchange: null },
      }),
    );
    const { status, body: accepted } = await postSigned(source, body);
    expect(status).toBe(200);
    return accepted.event_id;
  };

  it('publishes every NetBox 3.4-4.6 fixture byte for byte on <app_label>.<model>.<event>, keyed by the object id', async () => {
    const source = await createSource();
    const accepted: Accepted[] = [];
    for (const [name] of FIXTURES) {
      const { status, body } = await postSigned(source, fixture(name));
      expect([name, status]).toEqual([name, 200]);
      accepted.push(body);
    }
    expect(accepted.map((answer) => answer.topic)).toEqual(FIXTURES.map(([, topic]) => topic));

    const topics = [...new Set(FIXTURES.map(([, topic]) => topic))];
    const records = await readSourceRecords(
      kafka,
      topics,
      source.name,
      accepted.map((answer) => answer.event_id),
    );
    for (const [index, [name, topic, key]] of FIXTURES.entries()) {
      const record = records.find((candidate) => candidate.headers['event-id'] === accepted[index].event_id);
      expect(record).toBeDefined();
      expect(record!.topic).toBe(topic);
      expect(record!.key).toBe(key);
      expect(record!.value.equals(fixture(name))).toBe(true);
      expect(record!.headers).toMatchObject({
        'content-type': 'application/json',
        'schema-version': '1',
        'object-type': topic.slice(0, topic.lastIndexOf('.')),
        event: topic.slice(topic.lastIndexOf('.') + 1),
        source: source.name,
        'source-url': 'https://netbox.example',
      });
    }
  });

  it('publishes a request NetBox retries (same body) once, answering both with the same event id', async () => {
    const source = await createSource();
    const body = fixture('netbox-3.6-device-created.json');
    const first = await postSigned(source, body);
    const retry = await postSigned(source, body);
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(first.body.duplicate).toBe(false);
    expect(retry.body).toMatchObject({ duplicate: true, event_id: first.body.event_id });

    const until = await marker(source, 'dcim.device.created');
    const records = await readSourceRecords(kafka, ['dcim.device.created'], source.name, [until]);
    expect(records.map((record) => record.headers['event-id'])).toEqual([first.body.event_id, until]);
  });

  it('refuses with 403 and publishes nothing: no or a wrong signature, an unknown or a disabled source', async () => {
    const source = await createSource();
    const disabled = await createSource({ enabled: false });
    const body = fixture('netbox-3.6-device-deleted.json');

    const answers = [
      await post(source.name, body, undefined),
      await post(source.name, body, hookSignature('not the secret', body)),
      await post(source.name, body, hookSignature(source.secret, Buffer.concat([body, Buffer.from(' ')]))),
      await post('no-such-source', body, hookSignature(source.secret, body)),
      await post(disabled.name, body, hookSignature(disabled.secret, body)),
    ];
    const details = await Promise.all(
      answers.map(async (answer) => [answer.status, ((await answer.json()) as { detail: string }).detail]),
    );
    expect(details).toEqual([
      [403, 'Missing X-Hook-Signature header: set a secret on the NetBox webhook.'],
      [403, `Invalid X-Hook-Signature for source "${source.name}".`],
      [403, `Invalid X-Hook-Signature for source "${source.name}".`],
      [403, 'Unknown source "no-such-source".'],
      [403, `Source "${disabled.name}" is disabled.`],
    ]);

    const until = await marker(source, 'dcim.device.deleted');
    const records = await readSourceRecords(kafka, ['dcim.device.deleted'], source.name, [until]);
    expect(records.map((record) => record.headers['event-id'])).toEqual([until]);
  });

  it('answers 400 naming why for a body it cannot place, 413 over the body limit, 415 for non-JSON', async () => {
    const source = await createSource();
    const unplaceable = Buffer.from(
      JSON.stringify({ event: 'created', data: { id: 1, url: '/api/nope/things/1/' } }),
    );
    const placed = await postSigned(source, unplaceable);
    expect(placed.status).toBe(400);
    expect(placed.body).toEqual({
      detail: [
        '"data.url" "/api/nope/things/1/" names no NetBox model this hub knows, and there is no "object_type"',
      ],
    });

    const huge = Buffer.from(JSON.stringify({ event: 'created', padding: 'x'.repeat(BODY_LIMIT_BYTES) }));
    const tooLarge = await post(source.name, huge, hookSignature(source.secret, huge));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({
      detail: `Request body exceeds the limit of ${BODY_LIMIT_BYTES} bytes.`,
    });

    const text = await fetch(`${service.url}/api/ingest/netbox/${source.name}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    expect(text.status).toBe(415);
  });

  it('answers a flood from one source 429 with Retry-After, and publishes none of the refused requests', async () => {
    // A rate so low that no token comes back during the test, however slow the machine: exactly the burst passes.
    const flooded = await startTestService(
      AppModule.register({ ...floodConfig, ingest: { ...floodConfig.ingest, ratePerSecond: 0.001 } }),
      floodConfig,
    );
    try {
      const source = await createSource();
      const answers: Array<{ status: number; retryAfter: string | null }> = [];
      for (let index = 0; index < RATE_BURST + 5; index += 1) {
        const body = Buffer.from(
          JSON.stringify({
            event: 'created',
            timestamp: `2025-01-01T00:00:${String(index).padStart(2, '0')}+00:00`,
            object_type: 'dcim.site',
            username: 'flood',
            request_id: null,
            data: { id: index + 1, url: `/api/dcim/sites/${index + 1}/` },
            snapshots: { prechange: null, postchange: {} },
          }),
        );
        const response = await fetch(`${flooded.url}/api/ingest/netbox/${source.name}/`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Hook-Signature': hookSignature(source.secret, body),
          },
          body,
        });
        answers.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
      }
      expect(answers.map((answer) => answer.status)).toEqual([
        ...Array<number>(RATE_BURST).fill(200),
        ...Array<number>(5).fill(429),
      ]);
      expect(Number(answers[RATE_BURST].retryAfter)).toBeGreaterThanOrEqual(1);

      // A marker from another source on the same one-partition topic, sent after the refused requests:
      // anything of the flooded source published before it is read before it.
      const other = await createSource();
      const until = await marker(other, 'dcim.site.created');
      const records = await readSourceRecords(
        kafka,
        ['dcim.site.created'],
        [source.name, other.name],
        [until],
      );
      expect(records.filter((record) => record.headers.source === source.name)).toHaveLength(RATE_BURST);
    } finally {
      await flooded.close();
    }
  });
});
