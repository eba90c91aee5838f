import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * How many results each report has per test and outcome, kept equal to `test_results` by statement-level
 * triggers in the same transaction as every write to it, so the results list's `count` for filters on
 * report, test, severity and `passed` is a sum over a few hundred rows instead of a visit of every
 * matching result (a third of a million for `severity=HIGH&passed=False` at 1,000,000 results), and stays
 * exact (NetBox's `count` is). Keyed by report, so concurrent runs write rows of their own and never wait
 * for each other; the triggers aggregate a whole statement's rows at once (transition tables), so a run's
 * bulk insert adds one small grouped statement, not a row trigger per result.
 */
export class TestResultCounts1796229127331 implements MigrationInterface {
  name = 'TestResultCounts1796229127331';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    const counts = `"${schema}"."test_result_counts"`;
    const results = `"${schema}"."test_results"`;
    await queryRunner.query(`
      CREATE TABLE ${counts} (
        "report_id" integer NOT NULL,
        "test_id" integer NOT NULL,
        "passed" boolean NOT NULL,
        "results" bigint NOT NULL,
        PRIMARY KEY ("report_id", "test_id", "passed")
      )`);
    // A test's newest results in `id` order, so `test_id` (+ `passed`) pages stop after 50 matches
    // instead of sorting all 10,000 results of the test.
    await queryRunner.query(
      `CREATE INDEX "test_results_test" ON ${results} ("test_id", "id") INCLUDE ("passed")`,
    );
    // Test (and with it severity) filters without a report read along this one.
    await queryRunner.query(
      `CREATE INDEX "test_result_counts_test" ON ${counts} ("test_id", "passed") INCLUDE ("results")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "${schema}"."test_result_counts_add"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ${counts} AS c (report_id, test_id, passed, results)
          SELECT report_id, test_id, passed, count(*) FROM added GROUP BY report_id, test_id, passed
          ON CONFLICT (report_id, test_id, passed) DO UPDATE SET results = c.results + EXCLUDED.results;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "${schema}"."test_result_counts_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE ${counts} c SET results = c.results - gone.results
          FROM (SELECT report_id, test_id, passed, count(*) AS results FROM removed
                GROUP BY report_id, test_id, passed) gone
          WHERE c.report_id = gone.report_id AND c.test_id = gone.test_id AND c.passed = gone.passed;
        DELETE FROM ${counts} c USING (SELECT DISTINCT report_id, test_id, passed FROM removed) gone
          WHERE c.report_id = gone.report_id AND c.test_id = gone.test_id AND c.passed = gone.passed
            AND c.results = 0;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "${schema}"."test_result_counts_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE ${counts};
        RETURN NULL;
      END $$`);
    // An UPDATE fires both (old rows out, new rows in); PostgreSQL allows one transition table per
    // trigger event, hence one trigger per event.
    for (const [trigger, event, transition, fn] of [
      ['test_result_counts_on_insert', 'INSERT', 'NEW TABLE AS added', 'add'],
      ['test_result_counts_on_delete', 'DELETE', 'OLD TABLE AS removed', 'remove'],
      ['test_result_counts_on_update_out', 'UPDATE', 'OLD TABLE AS removed', 'remove'],
      ['test_result_counts_on_update_in', 'UPDATE', 'NEW TABLE AS added', 'add'],
    ] as const) {
      await queryRunner.query(
        `CREATE TRIGGER "${trigger}" AFTER ${event} ON ${results} REFERENCING ${transition}
         FOR EACH STATEMENT EXECUTE FUNCTION "${schema}"."test_result_counts_${fn}"()`,
      );
    }
    await queryRunner.query(
      `CREATE TRIGGER "test_result_counts_on_truncate" AFTER TRUNCATE ON ${results}
       FOR EACH STATEMENT EXECUTE FUNCTION "${schema}"."test_result_counts_clear"()`,
    );
    await queryRunner.query(
      `INSERT INTO ${counts} (report_id, test_id, passed, results)
       SELECT report_id, test_id, passed, count(*) FROM ${results} GROUP BY report_id, test_id, passed`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    for (const trigger of [
      'test_result_counts_on_insert',
      'test_result_counts_on_delete',
      'test_result_counts_on_update_out',
      'test_result_counts_on_update_in',
      'test_result_counts_on_truncate',
    ]) {
      await queryRunner.query(`DROP TRIGGER "${trigger}" ON "${schema}"."test_results"`);
    }
    for (const fn of ['add', 'remove', 'clear']) {
      await queryRunner.query(`DROP FUNCTION "${schema}"."test_result_counts_${fn}"()`);
    }
    await queryRunner.query(`DROP TABLE "${schema}"."test_result_counts"`);
    await queryRunner.query(`DROP INDEX "${schema}"."test_results_test"`);
  }
}
