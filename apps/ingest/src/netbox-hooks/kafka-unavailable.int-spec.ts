import { TOKENS_TOPIC, TOPICS } from '@validity/contracts';
import { createKafka, ensureTopics } from '@validity/platform/kafka';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { startPausableKafkaBroker, testPort, uniqueName, type PausableKafkaBroker } from '@validity/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import type { IngestConfig } from '../config';
import { hookSignature } from './domain/hook-signature';
import { readSourceRecords } from './testing/source-records';

const TOPIC = 'dcim.device.created';

describe('NetBox hub while Kafka does not answer', () => {
  let broker: PausableKafkaBroker;
  let service: TestService;

  beforeAll(async () => {
    broker = await startPausableKafkaBroker(testPort(29392));
    await ensureTopics(
      broker.brokers,
      TOPICS.filter((topic) => topic.name === TOKENS_TOPIC || topic.name === TOPIC),
    );
    const base = testServiceConfig('ingest');
    const config: IngestConfig = {
      ...base,
      kafka: { ...base.kafka, brokers: broker.brokers },
      ingest: {
        bodyLimitBytes: 65_536,
        ratePerSecond: 10,
        rateBurst: 10,
        dedupWindowSeconds: 3600,
        publishTimeoutMs: 2_000,
      },
    };
    service = await startTestService(AppModule.register(config), config);
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    await broker?.stop();
  }, 60_000);

  it("answers 503 with Retry-After and accepts NetBox's retry of the same request once Kafka is back, publishing it once", async () => {
    const name = uniqueName('netbox');
    const created = await fetch(`${service.url}/api/ingest/sources/`, {
      method: 'POST',
      headers: { Authorization: service.auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, secret: 's3cret' }),
    });
    expect(created.status).toBe(201);
    const body = readFileSync(join(__dirname, 'fixtures', 'netbox-3.6-device-created.json'));
    const send = () =>
      fetch(`${service.url}/api/ingest/netbox/${name}/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Hook-Signature': hookSignature('s3cret', body) },
        body,
      });

    broker.pause();
    const whileDown = await send();
    broker.resume();
    expect(whileDown.status).toBe(503);
    expect(whileDown.headers.get('retry-after')).toBe('30');
    expect(await whileDown.json()).toEqual({
      detail:
        'Kafka did not acknowledge the event; nothing was accepted. NetBox may send the same request again.',
    });

    const retry = await send();
    expect(retry.status).toBe(200);
    const { event_id: eventId } = (await retry.json()) as { event_id: string };
    const records = await readSourceRecords(createKafka(broker.brokers, 'ingest-down-spec'), [TOPIC], name, [
      eventId,
    ]);
    expect(records).toHaveLength(1);
    expect(records[0].value.equals(body)).toBe(true);
  });
});
