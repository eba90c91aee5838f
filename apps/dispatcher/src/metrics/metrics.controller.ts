import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicRoute } from '@validity/platform/auth';
import { DispatcherMetrics } from './dispatcher-metrics';

/** `GET /metrics` for Prometheus; public like `/health`, because scrapers carry no NetBox token. */
@Controller('metrics')
@ApiExcludeController()
@PublicRoute()
export class MetricsController {
  constructor(@Inject(DispatcherMetrics) private readonly metrics: DispatcherMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  render(): Promise<string> {
    return this.metrics.registry.render();
  }
}
