import { Global, Module, type DynamicModule } from '@nestjs/common';
import { openApiSchemasProvider, ServicePlatformModule } from '@validity/platform/http';
import { INGEST_SCHEMA, INGEST_SETTINGS, type IngestConfig } from './config';
import { MIGRATIONS } from './migrations';
import { NetBoxHooksModule } from './netbox-hooks/netbox-hooks.module';
import { SOURCE_SCHEMAS } from './sources/api/source.openapi';

/** The schema and settings every feature of the service reads. */
@Global()
@Module({})
class IngestSettingsModule {
  static register(config: IngestConfig): DynamicModule {
    return {
      module: IngestSettingsModule,
      providers: [
        { provide: INGEST_SCHEMA, useValue: config.database.schema },
        { provide: INGEST_SETTINGS, useValue: config.ingest },
      ],
      exports: [INGEST_SCHEMA, INGEST_SETTINGS],
    };
  }
}

@Module({})
export class AppModule {
  static register(config: IngestConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forService(config, { migrations: MIGRATIONS }),
        IngestSettingsModule.register(config),
        NetBoxHooksModule,
      ],
      providers: [openApiSchemasProvider(SOURCE_SCHEMAS)],
    };
  }
}
