import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * The indexes the results list pages along, as they were (`INCLUDE` of `passed` only where it was) and as
 * they become: each also carries `report_id`, so the list's condition that a result's report is not being
 * purged is checked in the index and its pages stay index-only scans (same index tuple size: `report_id`
 * fills the padding after `passed`).
 */
const LIST_INDEXES = [
  {
    name: 'test_results_test_device',
    columns: '"test_id", "device_id", "id"',
    was: '"passed"',
    is: '"passed", "report_id"',
  },
  { name: 'test_results_device', columns: '"device_id", "id"', was: null, is: '"report_id"' },
  { name: 'test_results_test', columns: '"test_id", "id"', was: '"passed"', is: '"passed", "report_id"' },
];

/**
 * Reports deleted (by retention or a client) whose results are still being removed: the deleting
 * transaction removes the report and its counts, announces it and lists it here; the results list leaves
 * out every result of a listed report, and `ReportPurger` deletes them in short chunks after the commit,
 * then unlists it. So a report's results are gone from the API at the deletion's commit, however many
 * there are, without that transaction (which holds `lockReportChanges`) deleting them all.
 */
export class PurgingReports1796443200000 implements MigrationInterface {
  name = 'PurgingReports1796443200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE "${schema}"."purging_reports" ("report_id" integer PRIMARY KEY)`);
    for (const index of LIST_INDEXES)
      await rebuildIndex(queryRunner, schema, index.name, index.columns, index.is);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    for (const index of LIST_INDEXES)
      await rebuildIndex(queryRunner, schema, index.name, index.columns, index.was);
    await queryRunner.query(`DROP TABLE "${schema}"."purging_reports"`);
  }
}

async function rebuildIndex(
  queryRunner: QueryRunner,
  schema: string,
  name: string,
  columns: string,
  included: string | null,
): Promise<void> {
  await queryRunner.query(`DROP INDEX "${schema}"."${name}"`);
  await queryRunner.query(
    `CREATE INDEX "${name}" ON "${schema}"."test_results" (${columns})${included === null ? '' : ` INCLUDE (${included})`}`,
  );
}
