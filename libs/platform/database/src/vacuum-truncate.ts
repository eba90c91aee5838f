import type { QueryRunner } from 'typeorm';

/**
 * Autovacuum hands a table's empty tail pages back to the file system under an ACCESS EXCLUSIVE lock,
 * and every query on the table waits meanwhile (seen: results-list pages waited 130 ms behind one on
 * `latest_test_results`). Tables that lose rows all day refill that space soon anyway, so they keep it:
 * their files do not shrink, and no query waits for vacuum.
 */
export async function keepEmptyPagesOnVacuum(
  queryRunner: QueryRunner,
  schema: string,
  tables: readonly string[],
): Promise<void> {
  for (const table of tables)
    await queryRunner.query(`ALTER TABLE "${schema}"."${table}" SET (vacuum_truncate = false)`);
}

/** The `down` of `keepEmptyPagesOnVacuum`. */
export async function returnEmptyPagesOnVacuum(
  queryRunner: QueryRunner,
  schema: string,
  tables: readonly string[],
): Promise<void> {
  for (const table of tables)
    await queryRunner.query(`ALTER TABLE "${schema}"."${table}" RESET (vacuum_truncate)`);
}
