import { Module, type DynamicModule, type OnApplicationShutdown, Inject, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  createServiceDataSource,
  migrateServiceSchema,
  type ServiceDatabaseOptions,
} from './service-data-source';

/** Connects the service to its schema and applies pending migrations before the app starts serving. */
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forService(options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createServiceDataSource(options);
            await dataSource.initialize();
            const applied = await migrateServiceSchema(dataSource, options.schema);
            if (applied.length > 0) new Logger('Database').log(`applied migrations: ${applied.join(', ')}`);
            return dataSource;
          },
        },
      ],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
