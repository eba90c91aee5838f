import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@validity/platform/config';
import type { RegistryConfig } from './config';
import { EventStoreModule } from '@validity/platform/event-store';
import { openApiSchemasProvider, ServicePlatformModule } from '@validity/platform/http';
import { MIGRATIONS } from './migrations';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WEBHOOK_SCHEMAS } from './webhooks/api/webhook.openapi';
import { EventRulesModule } from './event-rules/event-rules.module';
import { EVENT_RULE_SCHEMAS } from './event-rules/api/event-rule.openapi';
import { WEBHOOK_46_SCHEMAS } from './webhooks/api/webhook-46.openapi';

@Module({})
export class AppModule {
  static register(config: ServiceConfig & Partial<RegistryConfig>): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forService(config, { migrations: MIGRATIONS }),
        EventStoreModule.forService({ schema: config.database.schema, databaseUrl: config.database.url }),
        WebhooksModule.forSchema(
          config.database.schema,
          config.destinations,
          config.http.netboxApiVersion,
          config.lifecycle,
        ),
        EventRulesModule.forSchema(config.database.schema),
      ],
      providers: [
        openApiSchemasProvider({ ...WEBHOOK_SCHEMAS, ...WEBHOOK_46_SCHEMAS, ...EVENT_RULE_SCHEMAS }),
      ],
    };
  }
}
