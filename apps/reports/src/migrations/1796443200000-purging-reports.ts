import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * Reports deleted (by retention or a client) whose results are still being removed: the deletion's
 * transaction removes the report, its counts and announces it, and lists it here; the results list
 * leaves out every result of a listed report, and `ReportPurger` deletes them in short chunks, then
 * the row. A report's results are thus gone from the API at the deletion's commit, however many there
 * are, without the deletion's transaction (which holds `lockReportChanges`) deleting them all.
 */
export class PurgingReports1796443200000 implements MigrationInterface {
  name = 'PurgingReports1796443200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE "${schema}"."purging_reports" ("report_id" integer PRIMARY KEY)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${schema}"."purging_reports"`);
  }
}
