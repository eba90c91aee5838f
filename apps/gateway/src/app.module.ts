import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule } from '@validity/platform/http';
import type { GatewayConfig } from './config';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return { module: AppModule, imports: [HealthModule.forService(config.http.name)] };
  }
}
