import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * An attempt that sent its event's body as it is stored (the default body, whole within the logged
 * limit) keeps no copy of it: `request_body` stays NULL and `request_body_from_event` says the delivery
 * log reads it from `events.body`. The copy was the largest part of every attempt row, of the recorder's
 * statement and of its WAL (docs/performance.md). A constant default: no table rewrite.
 */
export class AttemptBodyFromEvent1796301600000 implements MigrationInterface {
  name = 'AttemptBodyFromEvent1796301600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${schema}"."attempts" ADD COLUMN "request_body_from_event" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      UPDATE "${schema}"."attempts" a
      SET request_body = convert_from(e.body, 'UTF8')
      FROM "${schema}"."deliveries" d JOIN "${schema}"."events" e ON e.event_id = d.event_id
      WHERE a.request_body_from_event AND d.id = a.delivery_id`);
    await queryRunner.query(`ALTER TABLE "${schema}"."attempts" DROP COLUMN "request_body_from_event"`);
  }
}
