import { testInfrastructure, uniqueName } from '@validity/testing';
import type { IncomingEvent } from '../delivery';
import type { SqlClient } from '../../storage/sql-client';
import { anIncomingEvent } from '../testing/incoming-event';
import { StoreOnOwnSchema } from '../testing/store-on-own-schema';
import type { DeliveryStore, PlannedDelivery } from './delivery-store';

function events(prefix: string, count: number): IncomingEvent[] {
  return Array.from({ length: count }, (_, index) => anIncomingEvent(`${prefix}-${index}`, index));
}

function batched(webhookId: number, of: readonly IncomingEvent[]): PlannedDelivery[] {
  return of.map((event) => ({ eventId: event.eventId, webhookId, failure: null, batched: true }));
}

interface Row {
  event_id: string;
  message_id: string;
  status: string;
  last_error: string | null;
  failure_reason: string | null;
}

/**
 * A webhook's many due deliveries of one intake batch are stored as one `batched_deliveries` row; every
 * statement that reads or moves waiting deliveries sees them as the rows they become: claims (oldest
 * first, only as many batch rows as the offer needs), the waiting counts, the disable's cancel, the
 * deleted webhook's failure, the delivery log (`unbatchAll`) and retention.
 */
describe('batched deliveries in the store', () => {
  let own: StoreOnOwnSchema;
  let sql: SqlClient;
  let store: DeliveryStore;

  beforeAll(async () => {
    own = await StoreOnOwnSchema.start(testInfrastructure().databaseUrl, uniqueName('batched'));
    ({ sql, store } = own);
  });

  afterAll(() => own.drop());

  const rowsOf = (webhookId: number) =>
    sql.rows<Row>(
      `SELECT event_id, message_id, status, last_error, failure_reason FROM ${sql.table('deliveries')}
       WHERE webhook_id = $1 ORDER BY id`,
      [webhookId],
    );
  const batchRows = async (webhookId: number) =>
    (
      await sql.rows<{ count: number }>(
        `SELECT count(*)::int AS count FROM ${sql.table('batched_deliveries')} WHERE webhook_id = $1`,
        [webhookId],
      )
    )[0].count;

  it('stores them as one row, counts them as waiting, and claims them after older due rows', async () => {
    const webhookId = 1;
    const [older, ...burst] = events('claim', 41);
    expect(
      await store.insertPlanned([older], [{ eventId: older.eventId, webhookId, failure: null }]),
    ).toHaveLength(1);
    const inserted = await store.insertPlanned(burst.slice(0, 20), batched(webhookId, burst.slice(0, 20)));
    await store.insertPlanned(burst.slice(20), batched(webhookId, burst.slice(20)));

    expect(inserted).toEqual([]);
    expect(await rowsOf(webhookId)).toHaveLength(1);
    expect(await batchRows(webhookId)).toBe(2);
    expect((await store.waitingByWebhook()).get(webhookId)).toBe(41);
    expect((await store.backlog()).count).toBe(41);

    // Five slots: the older row first, then the first batch's; only the first batch row becomes rows.
    const first = await store.claimDue([{ webhookId, slots: 5, leaseSeconds: 60 }]);
    expect(first.map((claim) => claim.event.eventId)[0]).toBe(older.eventId);
    expect(first.slice(1).every((claim) => Number(claim.event.eventId.split('-')[1]) < 20)).toBe(true);
    expect(first.map((claim) => claim.event.body.toString())[0]).toBe('{"id": 0}');
    expect(await batchRows(webhookId)).toBe(1);
    expect(await rowsOf(webhookId)).toHaveLength(21);

    const rest = await store.claimDue([{ webhookId, slots: 100, leaseSeconds: 60 }]);
    expect(await batchRows(webhookId)).toBe(0);
    const claimed = [...first, ...rest];
    expect(claimed.map((claim) => claim.event.eventId).sort()).toEqual(
      [older, ...burst].map((e) => e.eventId).sort(),
    );
    expect(claimed.every((claim) => claim.messageId === `msg_${claim.event.eventId}_${webhookId}`)).toBe(
      true,
    );
    expect(claimed.every((claim) => claim.attemptNumber === 1)).toBe(true);
  });

  it('makes every batched delivery a pending row for the log, and keeps a row a delivery had already', async () => {
    const webhookId = 2;
    const burst = events('read', 20);
    const [stored] = await store.insertPlanned(
      [burst[0]],
      [{ eventId: burst[0].eventId, webhookId, failure: null }],
    );
    // The same record consumed again (an earlier owner stored its delivery): batched with the others.
    await store.insertPlanned(burst, batched(webhookId, burst));

    await store.unbatchAll();

    const rows = await rowsOf(webhookId);
    expect(rows.map((row) => row.event_id)).toEqual(burst.map((event) => event.eventId));
    expect(rows.every((row) => row.status === 'pending')).toBe(true);
    expect(rows.map((row) => row.message_id)).toEqual(
      burst.map((event) => `msg_${event.eventId}_${webhookId}`),
    );
    const [{ id }] = await sql.rows<{ id: string }>(
      `SELECT id FROM ${sql.table('deliveries')} WHERE webhook_id = $1 AND event_id = $2`,
      [webhookId, burst[0].eventId],
    );
    expect(Number(id)).toBe(stored.id);
    expect(await batchRows(webhookId)).toBe(0);
  });

  it('cancels the batched deliveries of a webhook a client disabled, and fails those the system disabled', async () => {
    const [cancelledBy, failedBy, later] = [3, 4, 5];
    await store.insertPlanned(events('cancel', 20), batched(cancelledBy, events('cancel', 20)));
    await store.insertPlanned(events('fail', 20), batched(failedBy, events('fail', 20)));
    const since = new Date(Date.now() + 60_000);
    await store.insertPlanned(events('after', 20), batched(later, events('after', 20)));

    const counts = await store.cancelWaiting([
      { webhookId: cancelledBy, since, reason: '' },
      { webhookId: failedBy, since, reason: 'the receiver answered 410 Gone' },
      // Disabled before its batch was stored: the batch was planned by an instance that saw it enabled.
      { webhookId: later, since: new Date(Date.now() - 60_000), reason: '' },
    ]);

    expect(counts).toEqual({ cancelled: 20, failed: 20 });
    const cancelled = await rowsOf(cancelledBy);
    expect(cancelled).toHaveLength(20);
    expect(
      cancelled.every((row) => row.status === 'cancelled' && row.last_error === 'the webhook was disabled'),
    ).toBe(true);
    const failed = await rowsOf(failedBy);
    expect(
      failed.every(
        (row) =>
          row.status === 'failed' &&
          row.failure_reason === 'webhook-disabled' &&
          row.last_error === 'the webhook was disabled: the receiver answered 410 Gone',
      ),
    ).toBe(true);
    expect(await batchRows(later)).toBe(1);
  });

  it('fails the batched deliveries of a deleted webhook once past the grace period', async () => {
    const [deleted, known] = [6, 7];
    await store.insertPlanned(events('orphan', 20), batched(deleted, events('orphan', 20)));
    await store.insertPlanned(events('known', 20), batched(known, events('known', 20)));

    expect(await store.failOrphans([1, 2, 3, 4, 5, known], 3_600)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.failOrphans([1, 2, 3, 4, 5, known], 0)).toBe(20);

    const rows = await rowsOf(deleted);
    expect(rows).toHaveLength(20);
    expect(rows.every((row) => row.status === 'failed' && row.failure_reason === 'webhook-deleted')).toBe(
      true,
    );
    expect(await batchRows(known)).toBe(1);
  });

  it('keeps the events a batch row names when retention prunes', async () => {
    const webhookId = 8;
    const burst = events('kept', 20);
    await store.insertPlanned(burst, batched(webhookId, burst));

    await store.prune(0);

    const claimed = await store.claimDue([{ webhookId, slots: 100, leaseSeconds: 60 }]);
    expect(claimed.map((claim) => claim.event.body.toString()).sort()).toEqual(
      burst.map((event) => event.body.toString()).sort(),
    );
  });
});
