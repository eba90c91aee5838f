import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keepEmptyPagesOnVacuum, migrationSchema } from '@validity/platform/database';

/**
 * `batched_deliveries`: a webhook's due deliveries of one consumed batch, when there are many of them
 * (a receiver that is behind), as one row of event ids instead of a `deliveries` row each. They become
 * `deliveries` rows when claimed or read (`DeliveryStore.unbatchFor`, `unbatchAll`), or end with their
 * webhook; docs/performance.md, round nineteen.
 */
export class BatchedWaitingDeliveries1796400000000 implements MigrationInterface {
  name = 'BatchedWaitingDeliveries1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${schema}"."batched_deliveries" (
        "id" bigserial PRIMARY KEY,
        "webhook_id" integer NOT NULL,
        "event_ids" text[] NOT NULL,
        -- cardinality(event_ids), kept so a claim can sum a webhook's batch rows without reading the
        -- arrays (up to hundreds of event ids each, compressed or stored out of line).
        "size" integer NOT NULL,
        "created" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE INDEX "batched_deliveries_by_webhook" ON "${schema}"."batched_deliveries" ("webhook_id", "id")`);
    await keepEmptyPagesOnVacuum(queryRunner, schema, ['batched_deliveries']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    // What still waits batched becomes rows first, so no delivery is lost on the way down.
    await queryRunner.query(`
      INSERT INTO "${schema}"."deliveries" (event_id, webhook_id, message_id, status, next_attempt_at, created)
      SELECT e.event_id, b.webhook_id, 'msg_' || e.event_id || '_' || b.webhook_id, 'pending', b.created, b.created
      FROM "${schema}"."batched_deliveries" b, unnest(b.event_ids) AS e(event_id)
      ON CONFLICT (event_id, webhook_id) DO NOTHING`);
    await queryRunner.query(`DROP TABLE "${schema}"."batched_deliveries"`);
  }
}
