import { Logger } from '@nestjs/common';
import { Client, Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { WakeLoop } from '@validity/platform/background';
import { queryStatementsOn, type Statement } from '@validity/platform/database';
import type { EventProducer, InternalRecordAuthenticator } from '@validity/platform/kafka';
import { relayChannel } from './append-events';
import { registerLocalRelay, THIS_PROCESS } from './local-relays';

interface StoredRecord {
  position: string;
  topic: string;
  message_key: string;
  payload: Buffer | null;
  headers: Record<string, string>;
  /** `recorded_at` in epoch milliseconds. */
  recorded_ms: string;
}

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /**
   * For the relay's own connections: LISTEN (a pooled connection cannot hold it) and its batches (see
   * `batchPool`).
   */
  databaseUrl: string;
  schema: string;
  producer: EventProducer;
  /** Signs records bound for an internal topic (`webhook-registry.webhooks`) as they are published. */
  authenticator: InternalRecordAuthenticator;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (e.g. the listening connection dropped). */
  pollIntervalMs?: number;
}

/**
 * Publishes the event store to Kafka, at least once: it sends a batch of the events not yet marked
 * relayed, in position order, waits for the broker's acknowledgement (acks=all), then marks them. A crash
 * between the two republishes that batch with the same `event-id`s, which consumers dedupe. The
 * checkpoint row is locked while a batch is in flight, so two instances of a service never publish the
 * same events concurrently; a relay that finds it locked waits for it rather than skipping its pass, so
 * the writes that woke it are published without a NOTIFY to the holder (see `wakeLocalRelays`).
 *
 * Why marks and not "everything after the checkpoint": writers hold no lock until commit (so their
 * commits share WAL flushes), which lets a higher position become visible before a lower one commits. A
 * position checkpoint would skip the lower one; a mark cannot. Each stream stays in version order: a
 * writer appends version n+1 only after it read version n committed, so n+1 is never visible while n is
 * still unpublished and invisible. The checkpoint keeps the highest position published, for operators.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private listener: Client | undefined;
  /**
   * A batch's transaction stays open while the producer waits for Kafka's acknowledgement, and while Kafka
   * is away kafkajs retries for a minute or more. On the service's pool that transaction held one of the
   * connections every request needs (and queued behind them for it when the service was busy), so storing
   * a run depended on Kafka being up. The relay's own one-connection pool keeps the two apart; pg-pool
   * replaces the connection after PostgreSQL restarts.
   */
  private readonly batchPool: Pool;
  private readonly loop: WakeLoop;
  private unregister: (() => void) | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchPool = new Pool({
      connectionString: options.databaseUrl,
      max: 1,
      // Kept open: a pass right after a quiet spell does not pay for a new connection first.
      idleTimeoutMillis: 0,
      application_name: `validity-${options.schema}-relay`,
    });
    // An idle connection that PostgreSQL drops is only logged; the next batch opens a new one.
    this.batchPool.on('error', (error) => this.logger.warn(`relay connection lost (${error.message})`));
    // A pass publishes until the store is drained; a failed pass is retried on the poll.
    this.loop = new WakeLoop({
      pass: () => this.drain(),
      intervalMs: options.pollIntervalMs ?? 1_000,
      retryAfterMs: options.pollIntervalMs ?? 1_000,
      onError: (error) => this.logger.warn(`relay pass failed, retrying: ${String(error)}`),
    });
  }

  async start(): Promise<void> {
    await this.options.dataSource.query(
      `INSERT INTO "${this.options.schema}"."relay_checkpoint" ("relay") VALUES ('kafka') ON CONFLICT DO NOTHING`,
    );
    await this.listen();
    await this.batchPool.query('SELECT 1');
    this.unregister = registerLocalRelay(this.options.schema, () => this.wake());
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.unregister?.();
    await this.loop.stop();
    await this.listener?.end().catch(() => undefined);
    await this.batchPool.end().catch(() => undefined);
  }

  /** Resolves once no pass runs and none is asked for (e.g. before a shutdown, or in tests). */
  idle(): Promise<void> {
    return this.loop.settled();
  }

  /** Runs publish passes until the store is drained; coalesces wake-ups that arrive meanwhile. */
  wake(): void {
    this.loop.wake();
  }

  /**
   * One batch; a full batch asks for the next at once. A batch that was not full saw every event committed
   * before it began; a write committing later wakes the loop again (locally or by NOTIFY), so no pass
   * that would find nothing is spent to make sure. With several instances, a relay woken while another
   * instance's holds the checkpoint waits for it and then reads what is still unpublished.
   */
  private async drain(): Promise<boolean> {
    return (await this.publishBatch()) >= this.batchSize;
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 500;
  }

  /**
   * One batch in one transaction and two round trips: (1) begin, lock the checkpoint and read what is
   * unrelayed; publish; (2) mark, move the checkpoint, commit. Both are statement lists
   * (`queryStatementsOn`), so the transaction spans them on the relay's own connection.
   */
  private async publishBatch(): Promise<number> {
    const { schema, producer } = this.options;
    const connection = await this.batchPool.connect();
    let failed = false;
    try {
      // The read is a statement of its own, after the lock: it sees what another instance's relay
      // published while this one waited for the checkpoint.
      const [, , , read] = await queryStatementsOn(connection, [
        { sql: 'BEGIN' },
        { sql: `SELECT 1 FROM "${schema}"."relay_checkpoint" WHERE "relay" = 'kafka' FOR UPDATE` },
        { sql: UNRELAYED_READ_PLAN },
        unrelayedRead(schema, this.batchSize),
      ]);
      const records = read as unknown as StoredRecord[];
      if (records.length === 0) {
        await connection.query('COMMIT');
        return 0;
      }
      await producer.sendBatch(
        records.map((record) => ({
          topic: record.topic,
          // Signed at publish time, not when stored: the key may be rotated while records wait here.
          message: this.options.authenticator.signForTopic(record.topic, {
            key: record.message_key,
            value: record.payload,
            headers: record.headers,
            // When the event happened, however late it is relayed: the dispatcher matches an event only
            // to webhooks saved by then, as NetBox does.
            timestamp: record.recorded_ms,
          }),
        })),
      );
      const positions = records.map((record) => record.position);
      // The mark's commit does not wait for its WAL flush: a mark a crash loses only republishes its
      // batch with the same `event-id`s (as a crash before the mark does), and the next pass, and every
      // event waiting for it, no longer waits for the disk.
      await queryStatementsOn(connection, [
        { sql: 'SET LOCAL synchronous_commit = off' },
        {
          sql: `UPDATE "${schema}"."event_store" SET "relayed_at" = now() WHERE "position" = ANY($1::bigint[])`,
          parameters: [positions],
        },
        {
          sql: `UPDATE "${schema}"."relay_checkpoint"
                SET "position" = greatest("position", $1::bigint), "updated_at" = now()
                WHERE "relay" = 'kafka'`,
          parameters: [positions[positions.length - 1]],
        },
        { sql: 'COMMIT' },
      ]);
      return records.length;
    } catch (error) {
      failed = true;
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // A connection that failed mid-transaction may be broken (PostgreSQL restarting): do not reuse it.
      connection.release(failed);
    }
  }

  private async listen(): Promise<void> {
    const listener = new Client({ connectionString: this.options.databaseUrl });
    // A notice from this process came after a write that already woke this relay directly.
    listener.on('notification', (notice) => {
      if (notice.payload !== THIS_PROCESS) this.wake();
    });
    listener.on('error', (error) => this.logger.warn(`relay listener lost (${error.message}); polling`));
    await listener.connect();
    await listener.query(`LISTEN "${relayChannel(this.options.schema)}"`);
    this.listener = listener;
  }
}

/**
 * A pass's plan: an index scan of `event_store_unrelayed`, never a bitmap scan. Every mark leaves a dead
 * entry in that index (the update cannot be HOT: `relayed_at` is in the index's predicate) until vacuum
 * removes it. The planner, estimating few unrelayed rows, chose a bitmap scan, which visits the heap for
 * every dead entry on every pass and never marks one: in the `latency` bench each pass read 3,400-6,500
 * entries on ~500 heap pages for 2-10 live rows, a third of PostgreSQL's time. An index scan marks the
 * entries it finds dead to every snapshot, so later passes step over them without reading the heap.
 */
export const UNRELAYED_READ_PLAN = 'SET LOCAL enable_bitmapscan = off';

/** What a relay pass reads: the oldest `batchSize` events not yet marked relayed, in position order. */
export function unrelayedRead(schema: string, batchSize: number): Statement {
  return {
    sql: `SELECT "position", "topic", "message_key", "payload", "headers",
                 floor(extract(epoch FROM "recorded_at") * 1000)::bigint::text AS "recorded_ms"
          FROM "${schema}"."event_store"
          WHERE "relayed_at" IS NULL
          ORDER BY "position" LIMIT $1::integer`,
    parameters: [batchSize],
  };
}
