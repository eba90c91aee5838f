import type { DataSource } from 'typeorm';
import { testInfrastructure, uniqueName } from '@validity/testing';
import { DeliveryStore } from './delivery-store';
import { SqlClient } from '../../storage/sql-client';
import { deliveredAttempt } from '../testing/delivered-attempt';
import { anIncomingEvent } from '../testing/incoming-event';
import { migratedDataSource } from '../testing/store-on-own-schema';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Subplan Name'?: string;
  Alias?: string;
  Plans?: PlanNode[];
}

/** Runs each statement as `EXPLAIN (FORMAT JSON)` and keeps the plans, so a store method shows its plan. */
class ExplainingSqlClient extends SqlClient {
  readonly plans: PlanNode[] = [];

  override async rows<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const [row] = await super.rows<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      parameters,
    );
    this.plans.push(row['QUERY PLAN'][0].Plan);
    return [];
  }
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/**
 * The per-object claim's probe ("an earlier delivery of this object still waits") must use the
 * object-order index however stale the statistics are. A whole bench run showed the failure: statistics
 * taken while nothing waited made both partial indexes look empty, and the planner answered the probe
 * with `deliveries_due`, reading every waiting delivery of the webhook per candidate (1.7 s per claim
 * of 100 with 10,000 waiting). This builds that state (statistics taken while every delivery was
 * finished, then a burst of waiting ones) and reads the plan `claimDue` gets.
 */
describe('the store plans under statistics taken while nothing waited', () => {
  const schema = uniqueName('claim_plan');
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await migratedDataSource(testInfrastructure().databaseUrl, schema);
    const sql = new SqlClient(dataSource, schema);
    // 50,000 deliveries over 200 webhooks, each stored waiting and then delivered as the engine does,
    // and statistics taken then: the table is big enough that the burst below does not trigger
    // autoanalyze, and with fewer rows the planner happened to pick the right index even before the fix.
    // No autovacuum: a vacuum in between makes index-only scans look cheaper, which hid the bug.
    await sql.rows(`ALTER TABLE ${sql.table('deliveries')} SET (autovacuum_enabled = false)`);
    await sql.rows(
      `INSERT INTO ${sql.table('events')} (event_id, event, object_type, object_id, body, topic, partition, "offset")
       SELECT 'finished-' || g, 'created', 'validity.compliancereport', (g % 500)::text, '', 't', 0, g
       FROM generate_series(1, 50000) g`,
    );
    await sql.rows(
      `INSERT INTO ${sql.table('deliveries')} (event_id, webhook_id, message_id, status, next_attempt_at, object_key)
       SELECT 'finished-' || g, 1 + g % 200, 'msg_finished-' || g, 'pending', now(),
              'validity.compliancereport:' || (g % 500)
       FROM generate_series(1, 50000) g`,
    );
    await sql.rows(`UPDATE ${sql.table('deliveries')} SET status = 'delivered', next_attempt_at = NULL`);
    await sql.rows(`ANALYZE ${sql.table('deliveries')}`);
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  it('answers the probe from deliveries_unfinished_by_object, never from deliveries_due', async () => {
    const store = new DeliveryStore(new SqlClient(dataSource, schema));
    const orderedWebhook = 1_000;
    const burst = Array.from({ length: 1_000 }, (_, index) =>
      anIncomingEvent(`burst-${index}`, 10_000 + (index % 100)),
    );
    await store.insertPlanned(
      burst,
      burst.map((stored) => ({
        eventId: stored.eventId,
        webhookId: orderedWebhook,
        failure: null,
        perObject: true,
      })),
    );

    const explaining = new ExplainingSqlClient(dataSource, schema);
    await new DeliveryStore(explaining).claimDue([
      { webhookId: orderedWebhook, slots: 100, leaseSeconds: 30, perObject: true },
    ]);

    const nodes = nodesOf(explaining.plans[0]);
    const probe = nodes.filter((node) => node.Alias === 'p');
    expect(probe.map((node) => node['Index Name'])).toEqual(['deliveries_unfinished_by_object']);
    expect(nodes.filter((node) => node['Index Name'] === 'deliveries_due').map((node) => node.Alias)).toEqual(
      ['d'],
    );
  });

  it('finds the deliveries an attempt flush moves by primary key, never through deliveries_due', async () => {
    // A flush of outcomes joined with `deliveries_due` read every waiting delivery per flush: the
    // recorder's cost grew with the backlog (docs/performance.md, "the recorder read the backlog").
    const store = new DeliveryStore(new SqlClient(dataSource, schema));
    const webhook = 2_000;
    const burst = Array.from({ length: 1_000 }, (_, index) =>
      anIncomingEvent(`flushed-${index}`, 20_000 + index),
    );
    const inserted = await store.insertPlanned(
      burst,
      burst.map((stored) => ({
        eventId: stored.eventId,
        webhookId: webhook,
        failure: null,
        claimLeaseSeconds: 30,
      })),
    );

    const nodes = await attemptFlushPlan(dataSource, schema, inserted.slice(0, 100));
    expect(nodes.filter((node) => node['Index Name'] === 'deliveries_due')).toEqual([]);
    expect(deliveriesScans(nodes)).toEqual(['deliveries_pkey']);
  });
});

/**
 * The same flush on a table of a few thousand deliveries and no statistics yet, as in the first minute
 * of a stack (the `latency` bench): with the outcomes estimated at 100 rows (a set-returning function's
 * default), the planner hashed a sequential scan of the whole table for every flush of a handful, a
 * tenth of PostgreSQL's time in that bench.
 */
describe('the store plans on a young table', () => {
  const schema = uniqueName('young_plan');
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await migratedDataSource(testInfrastructure().databaseUrl, schema);
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  it('finds the deliveries a flush of four outcomes moves by primary key, not by reading the table', async () => {
    const store = new DeliveryStore(new SqlClient(dataSource, schema));
    const burst = Array.from({ length: 3_000 }, (_, index) => anIncomingEvent(`young-${index}`, index));
    const inserted = await store.insertPlanned(
      burst,
      burst.map((stored) => ({
        eventId: stored.eventId,
        webhookId: 1,
        failure: null,
        claimLeaseSeconds: 30,
      })),
    );

    const nodes = await attemptFlushPlan(dataSource, schema, inserted.slice(0, 4));
    expect(deliveriesScans(nodes)).toEqual(['deliveries_pkey']);
  });
});

/** The plan `recordAttempts` gets for a first, successful attempt of each delivery. */
async function attemptFlushPlan(
  dataSource: DataSource,
  schema: string,
  deliveries: ReadonlyArray<{ id: number }>,
): Promise<PlanNode[]> {
  const explaining = new ExplainingSqlClient(dataSource, schema);
  await new DeliveryStore(explaining).recordAttempts(
    deliveries.map((delivery) => deliveredAttempt(delivery.id)),
  );
  return nodesOf(explaining.plans[0]);
}

/** How the plan reads `deliveries` (alias `d`): the index of each scan, or `Seq Scan`. */
function deliveriesScans(nodes: PlanNode[]): string[] {
  return nodes
    .filter((node) => node.Alias === 'd' && node['Node Type'].endsWith('Scan'))
    .flatMap((scan) =>
      scan['Node Type'] === 'Bitmap Heap Scan'
        ? nodesOf(scan).flatMap((node) =>
            node['Node Type'] === 'Bitmap Index Scan' ? [node['Index Name']!] : [],
          )
        : [scan['Index Name'] ?? scan['Node Type']],
    );
}
