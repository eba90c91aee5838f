import { Module } from '@nestjs/common';
import { DispatcherMetrics } from './dispatcher-metrics';
import { MetricsController } from './metrics.controller';

@Module({
  controllers: [MetricsController],
  providers: [{ provide: DispatcherMetrics, useFactory: () => new DispatcherMetrics() }],
  exports: [DispatcherMetrics],
})
export class MetricsModule {}
