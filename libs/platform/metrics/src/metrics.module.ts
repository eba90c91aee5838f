import { Module, type DynamicModule } from '@nestjs/common';
import { ConsumerLagRegistry } from '@validity/platform/kafka';
import { registerConsumerLagGauge } from './consumer-lag.gauge';
import { MetricsController } from './metrics.controller';
import { ServiceMetrics } from './service-metrics';

/**
 * Provides the service's `ServiceMetrics` (global) and serves it at `GET /metrics`, with the lag of every
 * Kafka consumer the service registers (when it has a Kafka client).
 */
@Module({})
export class MetricsModule {
  static forService(service: string): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [
        {
          provide: ServiceMetrics,
          inject: [{ token: ConsumerLagRegistry, optional: true }],
          useFactory: (consumers: ConsumerLagRegistry | undefined) => {
            const metrics = new ServiceMetrics(service);
            if (consumers) registerConsumerLagGauge(metrics.registry, consumers);
            return metrics;
          },
        },
      ],
      exports: [ServiceMetrics],
    };
  }
}
