import type { EntityManager } from 'typeorm';
import type { ReportsTables } from '../../storage/reports-tables';
import { timestampParameter } from '../../storage/precise-time-column';
import type { ComplianceTest } from '../domain/compliance-test';

/** A test's own columns; its selectors are linked by `linkTestSelectors` / `replaceTestSelectors`. */
export type ComplianceTestFields = Omit<ComplianceTest, 'id' | 'selectors'>;

/** Writes a test's own columns as `test` has them (its row exists). */
export async function updateComplianceTest(
  manager: EntityManager,
  tables: ReportsTables,
  test: ComplianceTest,
): Promise<void> {
  await manager.query(
    `UPDATE ${tables.tests}
     SET name = $2, description = $3, severity = $4, expression = $5, custom_fields = $6, last_updated = $7
     WHERE id = $1`,
    [test.id, ...columnValues(test), timestampParameter(test.lastUpdated)],
  );
}

/** Writes `test`'s own columns under its id, inserting the row or replacing it. */
export async function putComplianceTest(
  manager: EntityManager,
  tables: ReportsTables,
  test: ComplianceTest,
): Promise<void> {
  await manager.query(
    `INSERT INTO ${tables.tests}
       (id, name, description, severity, expression, custom_fields, created, last_updated)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
       severity = EXCLUDED.severity, expression = EXCLUDED.expression,
       custom_fields = EXCLUDED.custom_fields, last_updated = EXCLUDED.last_updated`,
    [test.id, ...columnValues(test), timestampParameter(test.created), timestampParameter(test.lastUpdated)],
  );
}

/** Deletes a test row; its selector links go with it (the join table cascades). */
export async function deleteComplianceTest(
  manager: EntityManager,
  tables: ReportsTables,
  id: number,
): Promise<void> {
  await manager.query(`DELETE FROM ${tables.tests} WHERE id = $1`, [id]);
}

/** The values of `name, description, severity, expression, custom_fields`, in that order. */
function columnValues(test: ComplianceTestFields): unknown[] {
  return [test.name, test.description, test.severity, test.expression, test.customFields];
}
