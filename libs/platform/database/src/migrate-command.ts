import {
  createServiceDataSource,
  migrateServiceSchema,
  type ServiceDatabaseOptions,
} from './service-data-source';

/** Body of each app's `migrate` Nx target: applies the service's migrations and exits. */
export async function runMigrateCommand(options: ServiceDatabaseOptions): Promise<void> {
  const dataSource = createServiceDataSource(options);
  await dataSource.initialize();
  try {
    const applied = await migrateServiceSchema(dataSource, options.schema);
    process.stdout.write(
      `${options.schema}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema is up to date'}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}
