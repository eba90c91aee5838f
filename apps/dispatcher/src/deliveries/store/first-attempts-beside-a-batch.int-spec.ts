import type { QueryRunner } from 'typeorm';
import { testInfrastructure, uniqueName, waitFor } from '@validity/testing';
import type { SqlClient } from '../../storage/sql-client';
import { deliveredAttempt } from '../testing/delivered-attempt';
import { anIncomingEvent } from '../testing/incoming-event';
import { StoreOnOwnSchema } from '../testing/store-on-own-schema';
import type { DeliveryStore } from './delivery-store';

const FAST = 1;
const BEHIND = 2;

/**
 * The intake hands a batch's new deliveries to the engine before the statement storing the batch's other
 * deliveries (and its events) has run, so their outcomes can reach the store while that statement is in
 * flight. The outcomes' statement must not insert the same events beside it (two inserts of overlapping
 * keys in different orders can deadlock, and PostgreSQL may cancel the batch's): it waits for that
 * statement, and writes the events itself only if that statement failed.
 */
describe('first attempts beside a batch statement writing their events', () => {
  let own: StoreOnOwnSchema;
  let sql: SqlClient;
  let store: DeliveryStore;
  let blocker: QueryRunner;

  beforeAll(async () => {
    own = await StoreOnOwnSchema.start(testInfrastructure().databaseUrl, uniqueName('beside_batch'));
    ({ sql, store } = own);
  });

  afterAll(() => own.drop());

  beforeEach(async () => {
    // Holds every statement that stores batched deliveries before it writes anything.
    blocker = own.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`LOCK TABLE ${sql.table('batched_deliveries')} IN ACCESS EXCLUSIVE MODE`);
  });

  afterEach(async () => {
    if (blocker.isTransactionActive) await blocker.commitTransaction();
    await blocker.release();
  });

  /** A batch of `count` events: the fast webhook's deliveries attempted, the one behind's stored batched. */
  function batchOf(prefix: string, count: number) {
    const events = Array.from({ length: count }, (_, index) => anIncomingEvent(`${prefix}-${index}`, index));
    const stored = store.insertPlanned(
      events,
      events.map((event) => ({ eventId: event.eventId, webhookId: BEHIND, failure: null, batched: true })),
    );
    const outcomes = [...events].reverse().map((event) => ({
      record: deliveredAttempt(0, FAST),
      event,
      webhookId: FAST,
      created: new Date(),
    }));
    return { stored, outcomes };
  }

  async function waitingOnTheLock(): Promise<number> {
    return waitFor('the batch statement waiting on the lock', async () => {
      const [row] = await sql.rows<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
         WHERE wait_event_type = 'Lock' AND query LIKE '%batched_deliveries%' AND pid <> pg_backend_pid()`,
      );
      return row?.pid;
    });
  }

  async function countOf(table: string, prefix: string): Promise<number> {
    const [{ count }] = await sql.rows<{ count: string }>(
      `SELECT count(*) AS count FROM ${sql.table(table)} WHERE event_id LIKE $1`,
      [`${prefix}-%`],
    );
    return Number(count);
  }

  it("waits for the batch's statement and leaves its events to it", async () => {
    const { stored, outcomes } = batchOf('waited', 50);
    await waitingOnTheLock();
    let recorded = false;
    const recording = store.recordFirstAttempts(outcomes).then(() => (recorded = true));

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(recorded).toBe(false);
    await blocker.commitTransaction();
    await Promise.all([stored, recording]);

    expect(await countOf('events', 'waited')).toBe(50);
    expect(await countOf('deliveries', 'waited')).toBe(50);
    const [{ count }] = await sql.rows<{ count: string }>(
      `SELECT count(*) AS count FROM ${sql.table('attempts')} a
       JOIN ${sql.table('deliveries')} d ON d.id = a.delivery_id WHERE d.event_id LIKE 'waited-%'`,
    );
    expect(Number(count)).toBe(50);
  });

  it("writes the events itself when the batch's statement fails", async () => {
    const { stored, outcomes } = batchOf('failed', 20);
    const pid = await waitingOnTheLock();
    const recording = store.recordFirstAttempts(outcomes);
    const failed = expect(stored).rejects.toThrow(/cancel/);
    await sql.rows('SELECT pg_cancel_backend($1)', [pid]);
    await failed;
    await recording;

    expect(await countOf('events', 'failed')).toBe(20);
    expect(await countOf('deliveries', 'failed')).toBe(20);
  });
});
