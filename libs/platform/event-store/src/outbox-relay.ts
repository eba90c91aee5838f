import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { WakeLoop } from '@validity/platform/background';
import type { EventProducer, InternalRecordAuthenticator } from '@validity/platform/kafka';
import { relayChannel } from './append-events';

interface StoredRecord {
  position: string;
  topic: string;
  message_key: string;
  payload: Buffer | null;
  headers: Record<string, string>;
}

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** A dedicated connection string for LISTEN (a pooled connection cannot hold it). */
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
 * Publishes the event store to Kafka in position order, at least once: it sends a batch, waits for the
 * broker's acknowledgement (acks=all), then advances its checkpoint. A crash between the two republishes
 * that batch with the same `event-id`s, which consumers dedupe. The checkpoint row is locked while a
 * batch is in flight, so two instances of a service never publish the same range concurrently.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private listener: Client | undefined;
  private readonly loop: WakeLoop;

  constructor(private readonly options: OutboxRelayOptions) {
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
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.listener?.end().catch(() => undefined);
  }

  /** Runs publish passes until the store is drained; coalesces wake-ups that arrive meanwhile. */
  wake(): void {
    this.loop.wake();
  }

  /** One batch; while batches find something, the loop runs again at once until the store is drained. */
  private async drain(): Promise<boolean> {
    return (await this.publishBatch()) > 0;
  }

  /** One batch in one transaction: lock the checkpoint, read after it, publish, advance. */
  private async publishBatch(): Promise<number> {
    const { schema, producer } = this.options;
    return this.options.dataSource.transaction(async (manager) => {
      const locked: Array<{ position: string }> = await manager.query(
        `SELECT "position" FROM "${schema}"."relay_checkpoint" WHERE "relay" = 'kafka' FOR UPDATE SKIP LOCKED`,
      );
      if (locked.length === 0) return 0;
      const records: StoredRecord[] = await manager.query(
        `SELECT "position", "topic", "message_key", "payload", "headers" FROM "${schema}"."event_store"
         WHERE "position" > $1 ORDER BY "position" LIMIT $2`,
        [locked[0].position, this.options.batchSize ?? 500],
      );
      if (records.length === 0) return 0;
      await producer.sendBatch(
        // Signed at publish time, not when stored: the key may be rotated while records wait here.
        records.map((record) => ({
          topic: record.topic,
          message: this.options.authenticator.signForTopic(record.topic, {
            key: record.message_key,
            value: record.payload,
            headers: record.headers,
          }),
        })),
      );
      await manager.query(
        `UPDATE "${schema}"."relay_checkpoint" SET "position" = $1, "updated_at" = now() WHERE "relay" = 'kafka'`,
        [records[records.length - 1].position],
      );
      return records.length;
    });
  }

  private async listen(): Promise<void> {
    const listener = new Client({ connectionString: this.options.databaseUrl });
    listener.on('notification', () => this.wake());
    listener.on('error', (error) => this.logger.warn(`relay listener lost (${error.message}); polling`));
    await listener.connect();
    await listener.query(`LISTEN "${relayChannel(this.options.schema)}"`);
    this.listener = listener;
  }
}
