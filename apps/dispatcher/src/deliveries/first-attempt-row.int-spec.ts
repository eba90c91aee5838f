import { logLevel } from 'kafkajs';
import { createKafka } from '@validity/platform/kafka';
import { startTestService, testServiceConfig } from '@validity/service-testing';
import {
  aWebhookDefinition,
  testInfrastructure,
  TestReceiver,
  uniqueName,
  waitFor,
  type Answer,
  type ReceivedRequest,
} from '@validity/testing';
import { DispatcherUnderTest } from '../testing/dispatcher-under-test';
import { STORE_UNATTEMPTED_AFTER_MS } from './worker/unstored-claims';

const TEST_KIT = { testInfrastructure, uniqueName, waitFor, testServiceConfig, startTestService };
/** Reports delivered first, so every partition had its first batch since the assignment. */
const WARM_UP = 30;

/**
 * A delivery of an event appended since the dispatcher was assigned its partition goes out before it
 * has a row, and its row is written once, with the first attempt's outcome (one insert instead of an
 * insert before the attempt and an update after it). Its batch's offsets are committed only once it
 * has that row; an attempt that takes long gets its row earlier, stored claimed, so a slow receiver
 * does not hold the commits.
 */
describe('deliveries written once, with their first attempt', () => {
  let dispatcher: DispatcherUnderTest;
  let receiver: TestReceiver;
  /** Requests whose answers the test holds, by report id. */
  const held = new Map<number, () => void>();
  const holding = new Set<number>();

  beforeAll(async () => {
    receiver = await TestReceiver.start({
      answer: (request): Answer | Promise<Answer> => {
        const id = reportIdOf(request);
        if (!holding.has(id)) return { status: 204 };
        return new Promise((resolve) => held.set(id, () => resolve({ status: 204 })));
      },
    });
    dispatcher = await DispatcherUnderTest.start(TEST_KIT, { concurrencyPerWebhook: 10 });
    await dispatcher.register(
      aWebhookDefinition(1, `${receiver.url}/hook`, { name: 'written-once', timeout: 15 }),
    );
    await dispatcher.publishReports(...Array.from({ length: WARM_UP }, (_, index) => index + 1));
    await receiver.waitForRequests(WARM_UP);
    await waitFor('the warm-up deliveries stored', async () =>
      (await dispatcher.deliveriesOf(1)).filter((delivery) => statusOf(delivery) === 'delivered').length ===
      WARM_UP
        ? true
        : undefined,
    );
  });

  afterAll(async () => {
    for (const release of held.values()) release();
    await dispatcher.close();
    await receiver.close();
  });

  /** The group's committed offsets of the event topic, summed over its partitions. */
  async function committed(): Promise<number> {
    const admin = createKafka(testInfrastructure().kafka, 'offsets-reader', {
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const [topic] = await admin.fetchOffsets({
        groupId: dispatcher.config.consumerGroup,
        topics: [dispatcher.config.topics.events[0]],
      });
      return topic.partitions.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
    } finally {
      await admin.disconnect();
    }
  }

  async function deliveryOfReport(eventId: string): Promise<Record<string, unknown> | undefined> {
    return (await dispatcher.deliveriesOf(1)).find((delivery) => delivery.event_id === eventId);
  }

  it('sends a new event before its row exists, then writes the row once, delivered, with its attempt', async () => {
    holding.add(WARM_UP + 1);
    const [eventId] = await dispatcher.publishReports(WARM_UP + 1);
    await waitFor('the request held', () => (held.has(WARM_UP + 1) ? true : undefined));

    // In flight: no row yet, and the record's offset is not committed (a crash now re-reads it).
    expect(await deliveryOfReport(eventId)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await committed()).toBe(WARM_UP);

    held.get(WARM_UP + 1)!();
    const delivery = await waitFor('the delivery stored', async () => {
      const found = await deliveryOfReport(eventId);
      return found && statusOf(found) === 'delivered' ? found : undefined;
    });
    expect(delivery).toMatchObject({ status: { value: 'delivered' }, attempt_count: 1 });
    const { body } = await dispatcher.api(`extras/webhook-deliveries/${String(delivery.id)}/`);
    expect((body.attempts as Array<Record<string, unknown>>).map((attempt) => attempt.status_code)).toEqual([
      204,
    ]);
    await waitFor('the offset committed', async () =>
      (await committed()) === WARM_UP + 1 ? true : undefined,
    );
  });

  it('stores a delivery whose attempt takes long claimed, commits its offset, and records the outcome on that row', async () => {
    const id = WARM_UP + 2;
    holding.add(id);
    const [eventId] = await dispatcher.publishReports(id);
    await waitFor('the request held', () => (held.has(id) ? true : undefined));
    const heldAt = Date.now();

    const stored = await waitFor(
      'the row of the attempt in flight',
      async () => {
        const found = await deliveryOfReport(eventId);
        return found ? { found, at: Date.now() } : undefined;
      },
      STORE_UNATTEMPTED_AFTER_MS + 10_000,
    );
    expect(stored.at - heldAt).toBeGreaterThanOrEqual(STORE_UNATTEMPTED_AFTER_MS - 1_000);
    expect(stored.found).toMatchObject({ status: { value: 'pending' }, attempt_count: 1 });
    await waitFor('the offset committed while the attempt is in flight', async () =>
      (await committed()) === WARM_UP + 2 ? true : undefined,
    );

    held.get(id)!();
    const delivery = await waitFor('the outcome on the row', async () => {
      const found = await deliveryOfReport(eventId);
      return found && statusOf(found) === 'delivered' ? found : undefined;
    });
    expect(delivery).toMatchObject({ id: stored.found.id, attempt_count: 1 });
    expect(receiver.requests.filter((request) => reportIdOf(request) === id)).toHaveLength(1);
  });
});

function reportIdOf(request: ReceivedRequest): number {
  return (JSON.parse(request.body.toString()) as { data: { id: number } }).data.id;
}

function statusOf(delivery: Record<string, unknown>): string {
  return (delivery.status as { value: string }).value;
}
