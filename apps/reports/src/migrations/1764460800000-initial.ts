import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';
import { createEventStore, dropEventStore } from '@validity/platform/event-store';

export class Initial1764460800000 implements MigrationInterface {
  name = 'Initial1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createEventStore(queryRunner, migrationSchema(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropEventStore(queryRunner, migrationSchema(queryRunner));
  }
}
