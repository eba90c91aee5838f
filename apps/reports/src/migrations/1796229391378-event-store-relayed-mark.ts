import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';
import { addRelayedMark } from '@validity/platform/event-store';

/** The relay marks what it published instead of keeping one position (see `addRelayedMark`). */
export class EventStoreRelayedMark1796229391378 implements MigrationInterface {
  name = 'EventStoreRelayedMark1796229391378';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addRelayedMark(queryRunner, migrationSchema(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`DROP INDEX IF EXISTS "${schema}"."event_store_unrelayed"`);
    await queryRunner.query(`ALTER TABLE "${schema}"."event_store" DROP COLUMN "relayed_at"`);
  }
}
