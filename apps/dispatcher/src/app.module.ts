import { Module, type DynamicModule } from '@nestjs/common';
import { openApiSchemasProvider, ServicePlatformModule } from '@validity/platform/http';
import { DISPATCHER_CONFIG, type DispatcherConfig } from './config';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { AttemptEntity } from './deliveries/store/attempt.entity';
import { DeliveryEntity } from './deliveries/store/delivery.entity';
import { EventEntity } from './deliveries/store/event.entity';
import { MIGRATIONS } from './migrations';
import { DELIVERY_SCHEMAS } from './deliveries/api/delivery.openapi';
import { SIGNING_KEY_SCHEMAS } from './signing/api/signing-key.openapi';

@Module({})
export class AppModule {
  static register(config: DispatcherConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ServicePlatformModule.forService(config, {
          migrations: MIGRATIONS,
          entities: [DeliveryEntity, EventEntity, AttemptEntity],
        }),
        DeliveriesModule,
      ],
      providers: [
        openApiSchemasProvider({ ...DELIVERY_SCHEMAS, ...SIGNING_KEY_SCHEMAS }),
        { provide: DISPATCHER_CONFIG, useValue: config },
      ],
      exports: [DISPATCHER_CONFIG],
    };
  }
}
