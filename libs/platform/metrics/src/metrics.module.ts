import { Module, type DynamicModule } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { ServiceMetrics } from './service-metrics';

/** Provides the service's `ServiceMetrics` (global) and serves it at `GET /metrics`. */
@Module({})
export class MetricsModule {
  static forService(service: string): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [{ provide: ServiceMetrics, useFactory: () => new ServiceMetrics(service) }],
      exports: [ServiceMetrics],
    };
  }
}
