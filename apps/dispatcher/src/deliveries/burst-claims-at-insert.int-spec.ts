import { startTestService, testServiceConfig } from '@validity/service-testing';
import { aWebhookDefinition, testInfrastructure, TestReceiver, uniqueName, waitFor } from '@validity/testing';
import { DispatcherUnderTest } from '../testing/dispatcher-under-test';
import { DeliveryStore } from './store/delivery-store';

const TEST_KIT = { testInfrastructure, uniqueName, waitFor, testServiceConfig, startTestService };
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
  let dispatcher: DispatcherUnderTest;
  let receiver: TestReceiver;
  /** Rows `claimDue` took for the webhook: deliveries that were not claimed at insert. */
  let claimedFromTable = 0;

  beforeAll(async () => {
    receiver = await TestReceiver.start();
    dispatcher = await DispatcherUnderTest.start(TEST_KIT, { concurrency: 50, concurrencyPerWebhook: 10 });
    await dispatcher.register(aWebhookDefinition(1, `${receiver.url}/hook`, { name: 'burst' }));
    const store = dispatcher.service.app.get(DeliveryStore, { strict: false });
    const claimDue = store.claimDue.bind(store);
    jest.spyOn(store, 'claimDue').mockImplementation(async (offers, maxRows) => {
      const claimed = await claimDue(offers, maxRows);
      claimedFromTable += claimed.length;
      return claimed;
    });
  });

  afterAll(async () => {
    await dispatcher.close();
    await receiver.close();
  });

  it('stores its deliveries claimed at insert, so no claim statement takes them from the table', async () => {
    for (let sent = 0; sent < EVENTS; sent += PER_REQUEST) {
      await dispatcher.publishReports(...Array.from({ length: PER_REQUEST }, (_, index) => sent + index + 1));
    }
    await receiver.waitForRequests(EVENTS, undefined, 60_000);

    expect(new Set(receiver.requests.map((request) => request.headers['webhook-id'])).size).toBe(EVENTS);
    // Every batch fit the engine's room at insert: none waited in the table for a claim. (Before, all
    // but the first batch's first 10 did: the first overflow marked a backlog for the rest.)
    expect(claimedFromTable).toBe(0);
  });
});
