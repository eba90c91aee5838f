import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/** Every event the dispatcher accepted, keyed by `event-id`, so a redelivered record is recognised. */
export class Initial1764460800000 implements MigrationInterface {
  name = 'Initial1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "${migrationSchema(queryRunner)}"."received_events" (
        "event_id" uuid PRIMARY KEY,
        "topic" text NOT NULL,
        "partition" integer NOT NULL,
        "offset" bigint NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${migrationSchema(queryRunner)}"."received_events"`);
  }
}
