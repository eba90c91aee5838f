import type { DataSource } from 'typeorm';
import { createServiceDataSource, migrateServiceSchema } from '@validity/platform/database';
import { MIGRATIONS } from '../../migrations';

/** A data source on a schema of its own with the dispatcher's migrations applied, for store specs. */
export async function migratedDataSource(databaseUrl: string, schema: string): Promise<DataSource> {
  const dataSource = createServiceDataSource({ url: databaseUrl, schema, migrations: MIGRATIONS });
  await dataSource.initialize();
  await migrateServiceSchema(dataSource, schema);
  return dataSource;
}
