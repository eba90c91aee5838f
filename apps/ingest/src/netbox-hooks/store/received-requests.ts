import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { INGEST_SCHEMA } from '../../config';

/** What was published for an accepted request. */
export interface ReceivedRequest {
  topic: string;
  eventId: string;
}

/**
 * The digests of accepted requests, the hub's idempotency record: NetBox retries a failed request with
 * the same body (`RQ_RETRY_MAX`), and a retry whose first try was in fact published must not be
 * published again. Rows live for the dedup window.
 */
@Injectable()
export class ReceivedRequests {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(INGEST_SCHEMA) private readonly schema: string,
  ) {}

  async find(digest: Buffer, windowSeconds: number): Promise<ReceivedRequest | undefined> {
    const rows: Array<{ topic: string; event_id: string }> = await this.dataSource.query(
      `SELECT "topic", "event_id" FROM "${this.schema}"."received_requests"
       WHERE "digest" = $1 AND "received_at" > now() - make_interval(secs => $2)`,
      [digest, windowSeconds],
    );
    return rows[0] === undefined ? undefined : { topic: rows[0].topic, eventId: rows[0].event_id };
  }

  /** Records a published request; a row left from an expired window is replaced. */
  async record(digest: Buffer, sourceId: number, received: ReceivedRequest): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "${this.schema}"."received_requests" ("digest", "source_id", "topic", "event_id")
       VALUES ($1, $2, $3, $4)
       ON CONFLICT ("digest") DO UPDATE SET "topic" = EXCLUDED."topic", "event_id" = EXCLUDED."event_id",
         "received_at" = now()`,
      [digest, sourceId, received.topic, received.eventId],
    );
  }

  /** Drops digests older than the window (they would no longer be consulted). */
  async prune(windowSeconds: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM "${this.schema}"."received_requests" WHERE "received_at" <= now() - make_interval(secs => $1)`,
      [windowSeconds],
    );
  }
}
