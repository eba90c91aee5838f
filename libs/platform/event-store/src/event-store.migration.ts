import type { QueryRunner } from 'typeorm';

/**
 * The event store of an event-sourced service, which is also its outbox: append-only, one row per
 * domain event, `(stream_id, version)` unique for optimistic concurrency, `position` the global order
 * for readers (see `appendEvents` for why positions become visible in order).
 */
export async function createEventStore(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}"."event_store" (
      "position" bigserial PRIMARY KEY,
      "event_id" uuid NOT NULL UNIQUE,
      "stream_id" text NOT NULL,
      "version" integer NOT NULL CHECK ("version" > 0),
      "event_type" text NOT NULL,
      "topic" text NOT NULL,
      "message_key" text NOT NULL,
      "payload" bytea NULL,
      "headers" jsonb NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      "relayed_at" timestamptz NULL,
      UNIQUE ("stream_id", "version")
    )`);
  await createUnrelayedIndex(queryRunner, schema);
  await queryRunner.query(`
    CREATE TABLE "${schema}"."relay_checkpoint" (
      "relay" text PRIMARY KEY,
      "position" bigint NOT NULL DEFAULT 0,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
}

/**
 * Upgrades an event store of the checkpoint era: the relay now marks each event it published
 * (`relayed_at`) instead of reading after one position, because positions of concurrent writers no
 * longer become visible in order (see `appendEvents`). Events up to the old checkpoint count as relayed.
 * Idempotent, so it is a no-op on stores `createEventStore` made with the column.
 */
export async function addRelayedMark(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(
    `ALTER TABLE "${schema}"."event_store" ADD COLUMN IF NOT EXISTS "relayed_at" timestamptz NULL`,
  );
  await queryRunner.query(
    `UPDATE "${schema}"."event_store" SET "relayed_at" = "recorded_at"
     WHERE "relayed_at" IS NULL AND "position" <= (
       SELECT coalesce(max("position"), 0) FROM "${schema}"."relay_checkpoint" WHERE "relay" = 'kafka')`,
  );
  await createUnrelayedIndex(queryRunner, schema);
}

/** What the relay and `waitUntilRelayed` read: the few events not yet published, in position order. */
async function createUnrelayedIndex(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(
    `CREATE INDEX IF NOT EXISTS "event_store_unrelayed" ON "${schema}"."event_store" ("position")
     WHERE "relayed_at" IS NULL`,
  );
}

export async function dropEventStore(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}"."relay_checkpoint"`);
  await queryRunner.query(`DROP TABLE "${schema}"."event_store"`);
}
