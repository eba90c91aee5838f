import { logLevel } from 'kafkajs';
import { encodeEnvelope, encodeWebhookDefinition, WEBHOOK_DEFINITIONS_TOPIC } from '@validity/contracts';
import {
  createKafka,
  ensureTopics,
  EventProducer,
  InternalRecordAuthenticator,
} from '@validity/platform/kafka';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aWebhookDefinition, testInfrastructure, TestReceiver, uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import type { DispatcherConfig } from '../config';
import { DeliveryStore } from './store/delivery-store';

const kafka = createKafka(testInfrastructure().kafka, 'burst-claims-spec', { logLevel: logLevel.NOTHING });
/** Many intake batches (published in requests of 200 over 3 partitions), far more than 10 per webhook. */
const EVENTS = 2_000;
const PER_REQUEST = 200;

/**
 * A burst to one healthy webhook reaches the engine claimed at insert: the intake stores each delivery
 * claimed (one row write), and no claim statement has to take it from the table afterwards. Before
 * round eight, the first batch that overflowed the queue's room marked a backlog, and every later
 * delivery of the burst was stored due and claimed by `claimDue` (docs/performance.md, round eight).
 */
describe('a burst of deliveries to one fast webhook', () => {
  const topics = {
    events: [uniqueName('burst_events')],
    webhookDefinitions: uniqueName('burst_webhooks'),
    deadLetter: uniqueName('burst_dead_letters'),
  };
  const config: DispatcherConfig = {
    ...testServiceConfig('dispatcher'),
    consumerGroup: uniqueName('dispatcher_burst'),
    topics,
    delivery: {
      retryScheduleSeconds: [1, 1, 1],
      blockPrivateAddresses: false,
      concurrency: 50,
      concurrencyPerWebhook: 10,
      logRetentionDays: 30,
    },
  };
  let service: TestService;
  let producer: EventProducer;
  let receiver: TestReceiver;
  /** Rows `claimDue` took for the webhook: deliveries that were not claimed at insert. */
  let claimedFromTable = 0;

  beforeAll(async () => {
    await ensureTopics(testInfrastructure().kafka, [
      { name: topics.events[0], partitions: 3, cleanupPolicy: 'delete', producer: 'reports', public: true },
      {
        name: topics.webhookDefinitions,
        partitions: 1,
        cleanupPolicy: 'compact',
        producer: 'webhook-registry',
        public: false,
      },
    ]);
    producer = await EventProducer.connect(kafka);
    receiver = await TestReceiver.start();
    await producer.send(topics.webhookDefinitions, [
      new InternalRecordAuthenticator(testInfrastructure().internalTopicHmacKey).sign(
        WEBHOOK_DEFINITIONS_TOPIC,
        encodeWebhookDefinition(aWebhookDefinition(1, `${receiver.url}/hook`, { name: 'burst' })).message,
      ),
    ]);
    service = await startTestService(AppModule.register(config), config);
    const store = service.app.get(DeliveryStore, { strict: false });
    const claimDue = store.claimDue.bind(store);
    jest.spyOn(store, 'claimDue').mockImplementation(async (offers, maxRows) => {
      const claimed = await claimDue(offers, maxRows);
      claimedFromTable += claimed.length;
      return claimed;
    });
  });

  afterAll(async () => {
    await service.close();
    await producer.disconnect();
    await receiver.close();
  });

  it('stores its deliveries claimed at insert, so no claim statement takes them from the table', async () => {
    for (let sent = 0; sent < EVENTS; sent += PER_REQUEST) {
      await producer.send(
        topics.events[0],
        Array.from(
          { length: PER_REQUEST },
          (_, index) =>
            encodeEnvelope(
              {
                event: 'created',
                timestamp: '2024-01-10T08:15:02.401177+00:00',
                model: 'compliancereport',
                username: 'admin',
                request_id: null,
                data: { id: sent + index + 1 },
                snapshots: { prechange: null, postchange: null },
              },
              { objectType: 'validity.compliancereport', objectId: sent + index + 1 },
            ).message,
        ),
      );
    }
    await receiver.waitForRequests(EVENTS, undefined, 60_000);

    expect(new Set(receiver.requests.map((request) => request.headers['webhook-id'])).size).toBe(EVENTS);
    // Every batch fit the engine's room at insert: none waited in the table for a claim. (Before, all
    // but the first batch's first 10 did: the first overflow marked a backlog for the rest.)
    expect(claimedFromTable).toBe(0);
  });
});
