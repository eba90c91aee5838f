import { testInfrastructure, uniqueName } from '@validity/testing';
import type { SqlClient } from '../../storage/sql-client';
import { deliveredAttempt } from '../testing/delivered-attempt';
import { anIncomingEvent } from '../testing/incoming-event';
import { StoreOnOwnSchema } from '../testing/store-on-own-schema';
import type { DeliveryStore } from './delivery-store';

/** Milliseconds spread over two centuries, each with a millisecond part a float would round wrongly. */
function oddTimes(count: number): Date[] {
  const start = Date.parse('1990-01-01T00:00:00Z');
  const span = Date.parse('2190-01-01T00:00:00Z') - start;
  return Array.from(
    { length: count },
    (_, index) => new Date(start + Math.floor((span * index) / count) + 1 + (index % 997)),
  );
}

/**
 * The outcome statements carry times as milliseconds since the epoch (a `Date` costs ~1.2 µs in
 * `JSON.stringify`); what is stored must be the same millisecond, never one off by a float's rounding.
 */
describe('the times the outcome statements store', () => {
  let own: StoreOnOwnSchema;
  let sql: SqlClient;
  let store: DeliveryStore;

  beforeAll(async () => {
    own = await StoreOnOwnSchema.start(testInfrastructure().databaseUrl, uniqueName('attempt_times'));
    ({ sql, store } = own);
  });

  afterAll(() => own.drop());

  async function storedMs(query: string): Promise<Map<string, number>> {
    const rows = await sql.rows<{ key: string; ms: string }>(query);
    return new Map(rows.map((row) => [row.key, Number(row.ms)]));
  }

  it('keeps the exact millisecond of a first attempt, its delivery, and a later attempt', async () => {
    const times = oddTimes(500);
    await store.recordFirstAttempts(
      times.map((time, index) => ({
        record: { ...deliveredAttempt(0, 1), started: time, status: 'retrying', retryInSeconds: 60 },
        event: anIncomingEvent(`times-${index}`),
        webhookId: 1,
        created: new Date(time.getTime() - 7),
      })),
    );
    const created = await storedMs(
      `SELECT event_id AS key, (extract(epoch FROM created) * 1000)::bigint AS ms FROM ${sql.table('deliveries')}`,
    );
    const firstStarted = await storedMs(
      `SELECT d.event_id AS key, (extract(epoch FROM a.started) * 1000)::bigint AS ms
       FROM ${sql.table('attempts')} a JOIN ${sql.table('deliveries')} d ON d.id = a.delivery_id`,
    );
    times.forEach((time, index) => {
      expect([index, created.get(`times-${index}`)]).toEqual([index, time.getTime() - 7]);
      expect([index, firstStarted.get(`times-${index}`)]).toEqual([index, time.getTime()]);
    });

    const ids = await sql.rows<{ id: string; event_id: string }>(
      `UPDATE ${sql.table('deliveries')} SET attempt_count = 2 RETURNING id, event_id`,
    );
    const later = new Map(ids.map((row, index) => [row.event_id, new Date(times[index].getTime() + 3)]));
    await store.recordAttempts(
      ids.map((row) => ({
        ...deliveredAttempt(Number(row.id), 1),
        attemptNumber: 2,
        started: later.get(row.event_id)!,
      })),
    );
    const secondStarted = await storedMs(
      `SELECT d.event_id AS key, (extract(epoch FROM a.started) * 1000)::bigint AS ms
       FROM ${sql.table('attempts')} a JOIN ${sql.table('deliveries')} d ON d.id = a.delivery_id WHERE a.number = 2`,
    );
    expect(secondStarted.size).toBe(times.length);
    for (const [eventId, time] of later)
      expect([eventId, secondStarted.get(eventId)]).toEqual([eventId, time.getTime()]);
  });
});
