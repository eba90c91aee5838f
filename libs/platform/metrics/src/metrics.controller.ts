import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicRoute } from '@validity/platform/auth';
import { ServiceMetrics } from './service-metrics';

/** `GET /metrics` for Prometheus; public like `/health`, because scrapers carry no NetBox token. */
@Controller('metrics')
@ApiExcludeController()
@PublicRoute()
export class MetricsController {
  constructor(@Inject(ServiceMetrics) private readonly metrics: ServiceMetrics) {}

  @Get()
  async render(@Res() res: Response): Promise<void> {
    const text = await this.metrics.registry.metrics();
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(text);
  }
}
