import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  keepEmptyPagesOnVacuum,
  migrationSchema,
  returnEmptyPagesOnVacuum,
} from '@validity/platform/database';

/** The tables runs and retention delete from all day (see `keepEmptyPagesOnVacuum`). */
const CHURNING_TABLES = ['compliance_reports', 'test_results', 'latest_test_results', 'test_result_counts'];

export class KeepEmptyPagesOnVacuum1796356800000 implements MigrationInterface {
  name = 'KeepEmptyPagesOnVacuum1796356800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await keepEmptyPagesOnVacuum(queryRunner, migrationSchema(queryRunner), CHURNING_TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await returnEmptyPagesOnVacuum(queryRunner, migrationSchema(queryRunner), CHURNING_TABLES);
  }
}
