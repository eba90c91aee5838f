import { createServiceDataSource, type ServiceDatabaseOptions } from '@validity/platform/database';
import { rebuildProjections, type Projection } from './rebuild-projections';

/**
 * The `projections-rebuild` Nx target of a service (`npm run projections:rebuild` runs every one): rebuilds
 * the service's read models from its event store in the database `options` name. Safe while the service
 * runs: its writes wait for the rebuild's commit, its reads see the old rows until then.
 */
export async function runRebuildProjectionsCommand(
  options: ServiceDatabaseOptions,
  projections: (schema: string) => readonly Projection[],
): Promise<void> {
  const dataSource = createServiceDataSource(options);
  await dataSource.initialize();
  try {
    const summary = await rebuildProjections(dataSource, options.schema, projections(options.schema));
    process.stdout.write(
      `${options.schema}: rebuilt ${summary.projections.join(', ')} from ${summary.events} events\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}
