import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * The delivery lifecycle of issue 12/13:
 *
 * - status `cancelled`: a delivery whose webhook was disabled before it was delivered;
 * - `leased`: the row is claimed by an engine (in flight or in its claim-ahead queue) until
 *   `next_attempt_at`. It tells a retry waiting for its time (which "retry now" may bring forward) from
 *   one being attempted (which it must not, or two attempts would race), and lets disabling a webhook
 *   cancel what waits while the attempts in flight finish and are recorded.
 */
export class DeliveryLifecycle1764979200000 implements MigrationInterface {
  name = 'DeliveryLifecycle1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${schema}"."deliveries"
        DROP CONSTRAINT "deliveries_status_check",
        ADD CONSTRAINT "deliveries_status_check"
          CHECK ("status" IN ('pending', 'retrying', 'delivered', 'failed', 'cancelled')),
        ADD COLUMN "leased" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`DELETE FROM "${schema}"."deliveries" WHERE "status" = 'cancelled'`);
    await queryRunner.query(`
      ALTER TABLE "${schema}"."deliveries"
        DROP COLUMN "leased",
        DROP CONSTRAINT "deliveries_status_check",
        ADD CONSTRAINT "deliveries_status_check"
          CHECK ("status" IN ('pending', 'retrying', 'delivered', 'failed'))`);
  }
}
