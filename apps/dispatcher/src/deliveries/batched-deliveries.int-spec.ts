import { startTestService, testServiceConfig } from '@validity/service-testing';
import { aWebhookDefinition, testInfrastructure, TestReceiver, uniqueName, waitFor } from '@validity/testing';
import type { WebhookDefinition } from '@validity/contracts';
import { SqlClient } from '../storage/sql-client';
import { DispatcherUnderTest } from '../testing/dispatcher-under-test';
import { DeliveryStore } from './store/delivery-store';

const TEST_KIT = { testInfrastructure, uniqueName, waitFor, testServiceConfig, startTestService };
const BURST = 400;

/** Each test's webhooks take only reports in their own id range, so tests do not see each other. */
function webhook(id: number, url: string, firstReport: number, overrides: Partial<WebhookDefinition> = {}) {
  return aWebhookDefinition(id, url, {
    name: `batched-${id}`,
    conditions: {
      and: [
        { attr: 'id', value: firstReport, op: 'gte' },
        { attr: 'id', value: firstReport + 999, op: 'lte' },
      ],
    },
    ...overrides,
  });
}

const statusOf = (delivery: Record<string, unknown>) => (delivery.status as { value: string }).value;
const reports = (first: number, count: number) => Array.from({ length: count }, (_, index) => first + index);

/**
 * A webhook whose receiver is behind (here: its circuit open after a 429) gets a burst's deliveries
 * stored batched, a row per intake batch; the delivery engine, the health counts, the delivery log and
 * a disable see every one of them as before, and each is sent once when the receiver takes them.
 */
describe('deliveries stored batched for a webhook that is behind', () => {
  let dispatcher: DispatcherUnderTest;
  let sql: SqlClient;
  /** Deliveries the intake marked to be stored batched, per webhook. */
  const batched = new Map<number, number>();

  beforeAll(async () => {
    dispatcher = await DispatcherUnderTest.start(TEST_KIT, {
      concurrencyPerWebhook: 10,
      // A Retry-After is kept to the schedule's longest step: 8 s of open circuit for the 429s below.
      retryScheduleSeconds: [8, 8, 8],
    });
    sql = dispatcher.service.app.get(SqlClient, { strict: false });
    const store = dispatcher.service.app.get(DeliveryStore, { strict: false });
    const insertPlanned = store.insertPlanned.bind(store);
    jest.spyOn(store, 'insertPlanned').mockImplementation(async (events, planned) => {
      for (const delivery of planned)
        if (delivery.batched) batched.set(delivery.webhookId, (batched.get(delivery.webhookId) ?? 0) + 1);
      return insertPlanned(events, planned);
    });
  });

  afterAll(async () => {
    await dispatcher.close();
  });

  const waiting = async (webhookId: number) => {
    const health = await dispatcher.api(`extras/webhook-deliveries/health/?webhook_id=${webhookId}`);
    return (health.body.results as Array<{ waiting: number }>)[0]?.waiting;
  };
  const batchRows = async () =>
    (
      await sql.rows<{ count: number }>(
        `SELECT count(*)::int AS count FROM ${sql.table('batched_deliveries')}`,
      )
    )[0].count;

  it('counts them as waiting, then sends each once, in rows the log shows delivered', async () => {
    const receiver = await TestReceiver.start({
      answer: (_, index) =>
        index === 0 ? { status: 429, headers: { 'Retry-After': '8' } } : { status: 200 },
    });
    try {
      await dispatcher.register(webhook(1, `${receiver.url}/hook`, 1));
      await dispatcher.publishReports(1);
      await receiver.waitForRequests(1);
      await dispatcher.publishReports(...reports(2, BURST));

      // The circuit is open for 8 s: every delivery waits, most of them in batch rows.
      await waitFor('every delivery counted as waiting', async () =>
        (await waiting(1)) === BURST + 1 ? true : undefined,
      );
      expect(batched.get(1)).toBeGreaterThan(BURST / 2);
      expect(await batchRows()).toBeGreaterThan(0);

      await receiver.waitForRequests(BURST + 2, undefined, 60_000);
      const sent = new Map<string, number>();
      for (const request of receiver.requests) {
        const id = request.headers['webhook-id'] as string;
        sent.set(id, (sent.get(id) ?? 0) + 1);
      }
      expect(sent.size).toBe(BURST + 1);
      expect([...sent.values()].filter((count) => count > 1)).toEqual([2]); // the 429's retry only
      await waitFor('every delivery recorded', async () =>
        (await dispatcher.deliveriesOf(1)).every((delivery) => statusOf(delivery) === 'delivered')
          ? true
          : undefined,
      );
      const log = await dispatcher.deliveriesOf(1);
      expect(log).toHaveLength(BURST + 1);
      expect(new Set(log.map((delivery) => delivery.message_id))).toEqual(new Set(sent.keys()));
      expect(await batchRows()).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it('lists batched deliveries in the log with exact counts, and cancels them when the webhook is disabled', async () => {
    const receiver = await TestReceiver.start({ statuses: [429] });
    try {
      const listed = webhook(2, `${receiver.url}/listed`, 2_001);
      const disabled = webhook(3, `${receiver.url}/disabled`, 2_001);
      await dispatcher.register(listed, disabled);
      await dispatcher.publishReports(2_001);
      await receiver.waitForRequests(2);
      await dispatcher.publishReports(...reports(2_002, BURST));
      await waitFor('every delivery counted as waiting', async () =>
        (await waiting(2)) === BURST + 1 && (await waiting(3)) === BURST + 1 ? true : undefined,
      );
      expect(batched.get(2)).toBeGreaterThan(BURST / 2);
      expect(batched.get(3)).toBeGreaterThan(BURST / 2);

      const page = await dispatcher.api('extras/webhook-deliveries/?webhook_id=2&limit=10');
      expect(page.body.count).toBe(BURST + 1);
      const all = await dispatcher.deliveriesOf(2);
      expect(all.map((delivery) => statusOf(delivery)).sort()).toEqual([
        ...Array<string>(BURST).fill('pending'),
        'retrying',
      ]);

      await dispatcher.register({ ...disabled, enabled: false, last_updated: new Date().toISOString() });
      await waitFor('the disabled webhook has nothing waiting', async () =>
        (await waiting(3)) === 0 ? true : undefined,
      );
      const cancelled = await dispatcher.deliveriesOf(3);
      expect(cancelled).toHaveLength(BURST + 1);
      expect(cancelled.every((delivery) => statusOf(delivery) === 'cancelled')).toBe(true);
    } finally {
      await receiver.close();
    }
  });
});
