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
      UNIQUE ("stream_id", "version")
    )`);
  await queryRunner.query(`
    CREATE TABLE "${schema}"."relay_checkpoint" (
      "relay" text PRIMARY KEY,
      "position" bigint NOT NULL DEFAULT 0,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
}

export async function dropEventStore(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}"."relay_checkpoint"`);
  await queryRunner.query(`DROP TABLE "${schema}"."event_store"`);
}
