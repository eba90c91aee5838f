import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * The durable delivery schedule.
 *
 * - `events`: each consumed event that matched at least one webhook, stored once (the envelope bytes as
 *   received), keyed by `event-id`. The id is text and an unreadable timestamp NULL, so a malformed
 *   value from some producer cannot make a batch fail (and be retried) forever.
 * - `deliveries`: one row per (event, webhook); the unique pair makes a redelivered Kafka record a no-op.
 *   `next_attempt_at` is both the due time and the lease: claiming an attempt moves it past the attempt's
 *   timeout, so a crashed worker's deliveries become due again by themselves. `attempt_count` counts
 *   claimed attempts and fences a late finish of an attempt whose lease had already expired.
 *   A failed delivery keeps its `failure_reason` until it is on the dead-letter topic (`dead_lettered`).
 * - `attempts`: every HTTP attempt (or render error) of a delivery.
 */
export class Initial1764460800000 implements MigrationInterface {
  name = 'Initial1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${schema}"."events" (
        "event_id" text PRIMARY KEY,
        "event" text NOT NULL,
        "object_type" text NOT NULL,
        "object_id" text,
        "request_id" text,
        "timestamp" timestamptz,
        "body" bytea NOT NULL,
        "topic" text NOT NULL,
        "partition" integer NOT NULL,
        "offset" bigint NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "${schema}"."deliveries" (
        "id" bigserial PRIMARY KEY,
        "event_id" text NOT NULL REFERENCES "${schema}"."events" ("event_id") ON DELETE CASCADE,
        "webhook_id" integer NOT NULL,
        "message_id" text NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('pending', 'retrying', 'delivered', 'failed')),
        "attempt_count" integer NOT NULL DEFAULT 0,
        "retry_base" integer NOT NULL DEFAULT 0,
        "next_attempt_at" timestamptz,
        "last_error" text,
        "failure_reason" text,
        "dead_lettered" boolean NOT NULL DEFAULT false,
        "created" timestamptz NOT NULL DEFAULT now(),
        "last_updated" timestamptz NOT NULL DEFAULT now(),
        UNIQUE ("event_id", "webhook_id")
      )`);
    await queryRunner.query(`
      CREATE INDEX "deliveries_due" ON "${schema}"."deliveries" ("webhook_id", "next_attempt_at")
      WHERE "status" IN ('pending', 'retrying')`);
    await queryRunner.query(`
      CREATE INDEX "deliveries_to_dead_letter" ON "${schema}"."deliveries" ("id")
      WHERE "status" = 'failed' AND NOT "dead_lettered"`);
    await queryRunner.query(`CREATE INDEX "deliveries_created" ON "${schema}"."deliveries" ("created")`);
    await queryRunner.query(`
      CREATE TABLE "${schema}"."attempts" (
        "id" bigserial PRIMARY KEY,
        "delivery_id" bigint NOT NULL REFERENCES "${schema}"."deliveries" ("id") ON DELETE CASCADE,
        "number" integer NOT NULL,
        "started" timestamptz NOT NULL,
        "duration_ms" integer NOT NULL,
        "status_code" integer,
        "response_body" text,
        "error" text
      )`);
    await queryRunner.query(
      `CREATE INDEX "attempts_delivery" ON "${schema}"."attempts" ("delivery_id", "number")`,
    );
    await queryRunner.query(`CREATE INDEX "attempts_started" ON "${schema}"."attempts" ("started")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${schema}"."attempts"`);
    await queryRunner.query(`DROP TABLE "${schema}"."deliveries"`);
    await queryRunner.query(`DROP TABLE "${schema}"."events"`);
  }
}
