import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * Issue 18's auto-disable: since when every attempt to a webhook has failed (one row per webhook that
 * is failing, shared by every dispatcher instance and kept across restarts), and an index to find a
 * webhook's failed deliveries for `recover`.
 */
export class WebhookFailureStreaks1796230477441 implements MigrationInterface {
  name = 'WebhookFailureStreaks1796230477441';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${schema}"."webhook_failure_streaks" (
        "webhook_id" integer PRIMARY KEY,
        "failing_since" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE INDEX "deliveries_failed_by_webhook" ON "${schema}"."deliveries" ("webhook_id", "id")
      WHERE "status" = 'failed'`);
    // Replayed by `recover` and not yet announced as `validity-events.delivery.recovered`.
    await queryRunner.query(`
      ALTER TABLE "${schema}"."deliveries" ADD COLUMN "recovering" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE INDEX "deliveries_recovered" ON "${schema}"."deliveries" ("id") WHERE "recovering"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${schema}"."deliveries" DROP COLUMN "recovering"`);
    await queryRunner.query(`DROP INDEX "${schema}"."deliveries_failed_by_webhook"`);
    await queryRunner.query(`DROP TABLE "${schema}"."webhook_failure_streaks"`);
  }
}
