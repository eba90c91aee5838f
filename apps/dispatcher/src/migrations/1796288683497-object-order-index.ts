import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * Per-object order's probe ("does an earlier delivery of this object still wait?") gets an index that
 * `deliveries_due` cannot stand in for. The old index's predicate (`status IN ('pending', 'retrying')`)
 * was the same as `deliveries_due`'s, so both could answer the probe; with statistics taken while
 * nothing waited (any long-running dispatcher, the whole bench) both looked empty and the planner took
 * `deliveries_due`, which reads every waiting delivery of the webhook per probe (EXPLAIN in
 * docs/performance.md). This predicate names the same rows by exclusion, which PostgreSQL cannot
 * derive `deliveries_due`'s from, so the probe (written the same way) has this index only.
 */
export class ObjectOrderIndex1796288683497 implements MigrationInterface {
  name = 'ObjectOrderIndex1796288683497';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE INDEX "deliveries_unfinished_by_object" ON "${schema}"."deliveries" ("webhook_id", "object_key", "id")
      WHERE "status" NOT IN ('delivered', 'failed', 'cancelled') AND "object_key" IS NOT NULL`);
    await queryRunner.query(`DROP INDEX "${schema}"."deliveries_waiting_object_key_idx"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE INDEX "deliveries_waiting_object_key_idx" ON "${schema}"."deliveries" ("webhook_id", "object_key", "id")
      WHERE "status" IN ('pending', 'retrying') AND "object_key" IS NOT NULL`);
    await queryRunner.query(`DROP INDEX "${schema}"."deliveries_unfinished_by_object"`);
  }
}
