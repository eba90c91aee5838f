import { Module, type DynamicModule } from '@nestjs/common';
import { EventStoreModule } from '@validity/platform/event-store';
import { openApiSchemasProvider, ServicePlatformModule } from '@validity/platform/http';
import { ApiRootsController, InstalledPluginsController } from './api-roots/api/api-roots.controller';
import { API_ROOT_SCHEMAS } from './api-roots/api/api-roots.openapi';
import { AsyncApiModule } from './asyncapi/asyncapi.module';
import { GATEWAY_CONFIG, type GatewayConfig } from './config';
import { MIGRATIONS } from './migrations';
import { OpenApiController } from './openapi/api/openapi.controller';
import { StatusController } from './status/api/status.controller';
import { ApiTokenEntity } from './users/store/api-token.entity';
import { UsersModule } from './users/users.module';
import { STATUS_SCHEMAS } from './status/api/status.openapi';
import { API_TOKEN_SCHEMAS } from './users/api/api-token.openapi';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ServicePlatformModule.forService(config, { migrations: MIGRATIONS, entities: [ApiTokenEntity] }),
        // Token changes are events in the gateway's own store; its relay publishes them on `users.tokens`.
        EventStoreModule.forService({ schema: config.database.schema, databaseUrl: config.database.url }),
        UsersModule,
        AsyncApiModule,
      ],
      controllers: [StatusController, ApiRootsController, InstalledPluginsController, OpenApiController],
      providers: [
        openApiSchemasProvider({ ...STATUS_SCHEMAS, ...API_ROOT_SCHEMAS, ...API_TOKEN_SCHEMAS }),
        { provide: GATEWAY_CONFIG, useValue: config },
      ],
      exports: [GATEWAY_CONFIG],
    };
  }
}
