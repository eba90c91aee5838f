import { Module } from '@nestjs/common';
import { ServiceMetrics } from '@validity/platform/metrics';
import { DispatcherMetrics } from './dispatcher-metrics';

/** The dispatcher's metrics, added to the service registry that `GET /metrics` serves. */
@Module({
  providers: [
    {
      provide: DispatcherMetrics,
      inject: [ServiceMetrics],
      useFactory: (service: ServiceMetrics) => new DispatcherMetrics(service.registry),
    },
  ],
  exports: [DispatcherMetrics],
})
export class MetricsModule {}
