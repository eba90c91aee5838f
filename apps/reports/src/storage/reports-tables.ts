import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

const TABLE_NAMES = {
  tests: 'compliance_tests',
  selectors: 'compliance_selectors',
  testSelectors: 'compliance_test_selectors',
  devices: 'devices',
  reports: 'compliance_reports',
  results: 'test_results',
  latestResults: 'latest_test_results',
  resultCounts: 'test_result_counts',
  purgingReports: 'purging_reports',
} as const;

export type ReportsTable = keyof typeof TABLE_NAMES;

/** The tables of the reports service in its schema, quoted for raw SQL: `"reports"."test_results"`. */
export type ReportsTables = Readonly<Record<ReportsTable, string>> & { readonly schema: string };

export const REPORTS_TABLES = Symbol('REPORTS_TABLES');

/** The service's tables in `schema`: its configured one (tests use a unique schema each). */
export function reportsTables(schema: string): ReportsTables {
  const quoted = Object.fromEntries(
    Object.entries(TABLE_NAMES).map(([table, name]) => [table, `"${schema}"."${name}"`]),
  ) as Record<ReportsTable, string>;
  return Object.freeze({ ...quoted, schema });
}

/** A TypeORM query on one table (for `applyFilters`), which quotes the schema-qualified name itself. */
export function selectFrom(
  manager: EntityManager,
  tables: ReportsTables,
  table: ReportsTable,
  alias: string,
): SelectQueryBuilder<ObjectLiteral> {
  return manager.createQueryBuilder().from(`${tables.schema}.${TABLE_NAMES[table]}`, alias);
}
