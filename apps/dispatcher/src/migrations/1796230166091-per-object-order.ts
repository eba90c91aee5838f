import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * Per-object order (`ordering: "per_object"`): each delivery carries its object's key
 * (`<object_type>:<object_id>`, the topic key within its type), and a partial index finds the waiting
 * deliveries of one object of one webhook, so a claim can skip any delivery that has an earlier one
 * of its object still waiting or in flight.
 */
export class PerObjectOrder1796230166091 implements MigrationInterface {
  name = 'PerObjectOrder1796230166091';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${schema}"."deliveries" ADD COLUMN "object_key" text NULL`);
    await queryRunner.query(`
      CREATE INDEX "deliveries_waiting_object_key_idx" ON "${schema}"."deliveries" ("webhook_id", "object_key", "id")
      WHERE "status" IN ('pending', 'retrying') AND "object_key" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`DROP INDEX "${schema}"."deliveries_waiting_object_key_idx"`);
    await queryRunner.query(`ALTER TABLE "${schema}"."deliveries" DROP COLUMN "object_key"`);
  }
}
