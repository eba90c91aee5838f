import { DataSource } from 'typeorm';
import { WEBHOOK_DEFINITIONS_TOPIC, type WebhookDefinition } from '@validity/contracts';
import { createKafka } from '@validity/platform/kafka';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aWebhookBody, testInfrastructure, uniqueName, waitFor } from '@validity/testing';
import { AppModule } from '../app.module';
import { DEFAULT_WEBHOOK_LIFECYCLE } from './domain/webhook-lifecycle-settings';
import { webhookApi } from './testing/webhook-api';
import { TopicCollector, type CollectedRecord } from './testing/topic-collector';

const REST_DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/;
const OVERLAP_SECONDS = 3600;

/**
 * Issue 18 item 1 on the registry's side: a secret change keeps the replaced one for the overlap on the
 * internal topic only (the dispatcher signs with both); the API and public topics show when the secret
 * changed and when the overlap ends, never the replaced value.
 */
describe('rotating a webhook secret', () => {
  let service: TestService;
  let api: ReturnType<typeof webhookApi>;
  const collector = new TopicCollector(createKafka(testInfrastructure().kafka, 'rotation-spec'), [
    'extras.webhook.updated',
    WEBHOOK_DEFINITIONS_TOPIC,
  ]);

  /** The records the webhook's latest change published, found by the event ids its stream stored. */
  const latestRecords = async (id: number): Promise<CollectedRecord[]> => {
    const rows: Array<{ event_id: string }> = await service.app.get(DataSource).query(
      `SELECT "event_id" FROM "${service.config.database.schema}"."event_store"
         WHERE "stream_id" = $1 ORDER BY "version" DESC LIMIT 2`,
      [`webhook-${id}`],
    );
    return waitFor('the change on Kafka', () => {
      const records = rows.map((row) => collector.find(row.event_id));
      return records.every(Boolean) ? (records as CollectedRecord[]) : undefined;
    });
  };

  beforeAll(async () => {
    const config = {
      ...testServiceConfig('webhook-registry'),
      lifecycle: { ...DEFAULT_WEBHOOK_LIFECYCLE, secretOverlapMs: OVERLAP_SECONDS * 1000 },
    };
    service = await startTestService(AppModule.register(config), config);
    api = webhookApi(service);
    await collector.start();
  });
  afterAll(async () => {
    await collector.stop();
    await service.close();
  });

  it('shows when it changed and when the overlap ends, keeps the old secret for the dispatcher only', async () => {
    const created = await api.create(
      aWebhookBody({
        name: uniqueName('rotating'),
        secret: 'old-secret-value',
      }),
    );
    expect(created).toMatchObject({
      secret_rotated_at: null,
      secret_overlap_ends: null,
      disabled_reason: '',
    });

    const before = Date.now();
    const rotated = await api.patch(`${created.id}/`, { secret: 'new-secret-value' });
    expect(rotated.status).toBe(200);
    const rotatedAt = Date.parse(rotated.body.secret_rotated_at as string);
    expect(rotated.body.secret_rotated_at).toMatch(REST_DATETIME);
    expect(rotated.body.secret_overlap_ends).toMatch(REST_DATETIME);
    expect(rotatedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(rotated.body.secret_overlap_ends as string) - rotatedAt).toBe(OVERLAP_SECONDS * 1000);

    const [definition, envelope] = await latestRecords(created.id);
    expect(definition.topic).toBe(WEBHOOK_DEFINITIONS_TOPIC);
    const published = JSON.parse(definition.value!.toString()) as WebhookDefinition;
    expect(published).toMatchObject({ secret: 'new-secret-value', previous_secret: 'old-secret-value' });
    expect(Date.parse(published.previous_secret_expires!)).toBe(
      Date.parse(rotated.body.secret_overlap_ends as string),
    );

    // Nowhere else: not in the answers (to the admin either), not on the public topic.
    expect(envelope.topic).toBe('extras.webhook.updated');
    const fetched = await api.get(`${created.id}/`);
    for (const text of [
      JSON.stringify(rotated.body),
      JSON.stringify(fetched.body),
      envelope.value!.toString(),
    ]) {
      expect(text).not.toContain('old-secret-value');
    }
    expect(JSON.parse(envelope.value!.toString())).toMatchObject({
      data: { secret_overlap_ends: rotated.body.secret_overlap_ends, secret: '********' },
    });

    // A change that leaves the secret alone keeps the overlap running.
    const renamed = await api.patch(`${created.id}/`, { name: uniqueName('renamed') });
    expect(renamed.body).toMatchObject({
      secret_rotated_at: rotated.body.secret_rotated_at,
      secret_overlap_ends: rotated.body.secret_overlap_ends,
    });
  });
});
