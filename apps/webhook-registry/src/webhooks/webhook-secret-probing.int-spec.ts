import { randomInt } from 'node:crypto';
import { encodeApiTokenRecord, TOKENS_TOPIC } from '@validity/contracts';
import { generateTokenKey, hashTokenKey } from '@validity/platform/auth';
import { createKafka, EventProducer, InternalRecordAuthenticator } from '@validity/platform/kafka';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aWebhookBody, testInfrastructure, uniqueName, waitFor } from '@validity/testing';
import { AppModule } from '../app.module';
import { webhookApi, type WebhookBody } from './testing/webhook-api';

interface Page {
  count: number;
  results: Array<WebhookBody & { id: number }>;
}

/**
 * Issue 12: a read-only token sees a URL password masked, so it must not be able to learn it through
 * anything that reads the URL either: `payload_url` filters with every lookup, `q`, or `?ordering=`.
 * Two webhooks on one host and user differ only in their passwords (`zz…` created first, `aa…` second).
 */
describe('a read-only token cannot probe URL passwords through filters, search or ordering', () => {
  const { kafka, internalTopicHmacKey } = testInfrastructure();
  let service: TestService;
  let asAdmin: ReturnType<typeof webhookApi>;
  let asReader: ReturnType<typeof webhookApi>;
  const prefix = uniqueName('probe');
  const host = `${prefix}.example`;
  const ids: number[] = [];

  const idsOf = (page: Page) => page.results.map((webhook) => webhook.id);
  const count = async (api: ReturnType<typeof webhookApi>, query: string) => {
    const answer = await api.get<Page>(`?name__isw=${prefix}&${query}`);
    expect(answer.status).toBe(200);
    return answer.body.count;
  };

  beforeAll(async () => {
    const config = testServiceConfig('webhook-registry');
    service = await startTestService(AppModule.register(config), config);
    asAdmin = webhookApi(service);
    for (const [label, password] of [
      ['first', 'zzsecret'],
      ['second', 'aasecret'],
    ]) {
      const created = await asAdmin.create(
        aWebhookBody({
          name: `${prefix}-${label}`,
          payload_url: `http://hook-user:${password}@${host}/hook/`,
          additional_headers: `X-Api-Key: ${password}-key`,
        }),
      );
      ids.push(created.id);
    }

    const key = generateTokenKey();
    const producer = await EventProducer.connect(createKafka(kafka, 'probe-spec'));
    const id = randomInt(1_000_000, 2_000_000_000);
    await producer.send(TOKENS_TOPIC, [
      new InternalRecordAuthenticator(internalTopicHmacKey).sign(TOKENS_TOPIC, {
        key: String(id),
        value: encodeApiTokenRecord({
          id,
          user: { id: 1, username: 'admin' },
          key_sha256: hashTokenKey(key),
          write_enabled: false,
          expires: null,
        }),
        headers: {},
      }),
    ]);
    await producer.disconnect();
    asReader = webhookApi({ url: service.url, auth: `Token ${key}` });
    await waitFor('the read-only token', async () =>
      (await asReader.get()).status === 200 ? true : undefined,
    );
  });
  afterAll(() => service.close());

  it.each([
    'payload_url__ic=zzsecret',
    'payload_url__isw=http://hook-user:zz',
    'payload_url__nic=zzsecret',
    'q=zzsecret',
    'q=hook-user:zz',
  ])('?%s answers as if the password were ********', async (query) => {
    // The admin's answers tell the passwords apart, so the probe would work without the masking.
    expect(await count(asAdmin, query)).toBe(1);
    expect(await count(asReader, query)).toBe(query.includes('__nic') ? 2 : 0);
  });

  it('matches what the reader sees: the masked URL', async () => {
    const masked = encodeURIComponent(`http://hook-user:********@${host}/hook/`);
    expect(await count(asReader, `payload_url=${masked}`)).toBe(2);
    expect(await count(asReader, 'q=********')).toBe(2);
    expect(await count(asAdmin, `payload_url=${masked}`)).toBe(0);
  });

  it('orders by the masked URL, so the order of passwords does not show (ties go by id)', async () => {
    const admin = await asAdmin.get<Page>(`?name__isw=${prefix}&ordering=payload_url`);
    expect(idsOf(admin.body)).toEqual([ids[1], ids[0]]);
    for (const ordering of ['payload_url', '-payload_url']) {
      const reader = await asReader.get<Page>(`?name__isw=${prefix}&ordering=${ordering}`);
      expect(reader.status).toBe(200);
      expect(idsOf(reader.body)).toEqual([ids[0], ids[1]]);
    }
  });

  it('has no filter or ordering on additional_headers to probe their values with', async () => {
    expect(await count(asReader, 'additional_headers__ic=zzsecret')).toBe(2);
    expect(await count(asReader, 'q=zzsecret-key')).toBe(0);
    const ordered = await asReader.get<Page>(`?name__isw=${prefix}&ordering=-additional_headers`);
    expect(idsOf(ordered.body)).toEqual([ids[0], ids[1]]);
  });
});
