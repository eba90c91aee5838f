import type { QueryRunner } from 'typeorm';

/**
 * The schema a migration runs in: the data source's, not a literal, so tests can migrate a unique schema
 * per spec and share one database.
 */
export function migrationSchema(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('Service data sources must name their schema');
  return schema;
}
