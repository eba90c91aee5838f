import { DataSource, type MixedList, type EntitySchema } from 'typeorm';

export interface ServiceDatabaseOptions {
  url: string;
  /** The one schema this service owns; no service reads another's. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own option type
  migrations: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own option type
  entities?: MixedList<Function | string | EntitySchema>;
  poolSize?: number;
}

/** A TypeORM data source bound to the service's schema. Schema changes come only from migrations. */
export function createServiceDataSource(options: ServiceDatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: options.poolSize ?? 10, application_name: `validity-${options.schema}` },
  });
}

/**
 * Creates the schema if needed and applies pending migrations, each in its own transaction. An advisory
 * lock keyed by the schema makes concurrent starts of the same service wait instead of racing.
 */
export async function migrateServiceSchema(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [schema]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [schema]);
    }
  } finally {
    await runner.release();
  }
}
