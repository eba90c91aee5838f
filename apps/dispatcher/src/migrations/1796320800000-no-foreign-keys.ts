import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * Drops the two foreign keys of the delivery schedule (delivery → event, attempt → delivery). The store
 * writes consistent rows by construction (a delivery is inserted by the statement that inserts its event,
 * an attempt only for a delivery it claimed), and each key cost every row a check: a lookup of the
 * referenced row and a `FOR KEY SHARE` lock on it, which writes WAL (docs/performance.md, round seven).
 * What the cascades did, `DeliveryStore.prune` does: it deletes a delivery's attempts with it.
 */
export class NoForeignKeys1796320800000 implements MigrationInterface {
  name = 'NoForeignKeys1796320800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${schema}"."attempts" DROP CONSTRAINT "attempts_delivery_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "${schema}"."deliveries" DROP CONSTRAINT "deliveries_event_id_fkey"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    // Rows the cascades would have removed go first, so the keys can be validated.
    await queryRunner.query(`
      DELETE FROM "${schema}"."attempts" a
      WHERE NOT EXISTS (SELECT 1 FROM "${schema}"."deliveries" d WHERE d.id = a.delivery_id)`);
    await queryRunner.query(`
      DELETE FROM "${schema}"."deliveries" d
      WHERE NOT EXISTS (SELECT 1 FROM "${schema}"."events" e WHERE e.event_id = d.event_id)`);
    await queryRunner.query(`
      ALTER TABLE "${schema}"."deliveries" ADD CONSTRAINT "deliveries_event_id_fkey"
        FOREIGN KEY ("event_id") REFERENCES "${schema}"."events" ("event_id") ON DELETE CASCADE`);
    await queryRunner.query(`
      ALTER TABLE "${schema}"."attempts" ADD CONSTRAINT "attempts_delivery_id_fkey"
        FOREIGN KEY ("delivery_id") REFERENCES "${schema}"."deliveries" ("id") ON DELETE CASCADE`);
  }
}
