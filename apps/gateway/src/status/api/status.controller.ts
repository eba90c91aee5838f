import { All, Controller, Get, HttpCode, Inject, Options, Req } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { PublicRoute } from '@validity/platform/auth';
import { kafkaHealthCheck, postgresHealthCheck, type HealthCheck } from '@validity/platform/http';
import { KAFKA } from '@validity/platform/kafka';
import {
  absoluteUrl,
  ApiNetBoxOperation,
  MethodNotAllowedError,
  schemaRef,
  viewMetadata,
} from '@validity/platform/netbox-api';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import { probeServiceHealth, type ServiceHealth } from '../service-health';

const PRODUCT_VERSION = '0.1.0';

/** NetBox's API root and `/api/status/`; both answer without a token, as in NetBox. */
@Controller('api')
@PublicRoute()
export class StatusController {
  private readonly checks: HealthCheck[];

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(DataSource) dataSource: DataSource,
    @Inject(KAFKA) kafka: Kafka,
  ) {
    this.checks = [postgresHealthCheck(dataSource), kafkaHealthCheck(kafka)];
  }

  @Get()
  @ApiNetBoxOperation({
    summary: 'API root (no token needed)',
    success: { status: 200, schema: schemaRef('ApiRoot') },
    errors: [],
  })
  root(@Req() request: Request): Record<string, string> {
    return {
      extras: absoluteUrl(request, '/api/extras/'),
      plugins: absoluteUrl(request, '/api/plugins/'),
      status: absoluteUrl(request, '/api/status/'),
      users: absoluteUrl(request, '/api/users/'),
    };
  }

  /** NetBox's keys first (pynetbox's `nb.status()` returns them), then each service's health. */
  @Get('status')
  @ApiNetBoxOperation({
    summary: "NetBox's status plus each service's health (no token needed)",
    success: { status: 200, schema: schemaRef('Status') },
    errors: [],
  })
  async status(): Promise<Record<string, unknown>> {
    const [services, infrastructure] = await Promise.all([this.serviceHealth(), this.infrastructureHealth()]);
    return {
      'django-version': null,
      'installed-apps': {},
      'netbox-version': this.config.http.netboxApiVersion ?? '3.6',
      plugins: { validity: '1.4' },
      'python-version': null,
      'rq-workers-running': services.dispatcher.status === 'ok' ? 1 : 0,
      'validity-events-version': PRODUCT_VERSION,
      services,
      ...infrastructure,
    };
  }

  /** DRF's metadata of NetBox's `APIRootView` and `StatusView` (names and docstrings). */
  @Options(['', 'status'])
  @HttpCode(200)
  @ApiExcludeEndpoint()
  options(@Req() request: Request): object {
    return request.path.replace(/\/$/, '').endsWith('/status')
      ? viewMetadata(
          'Status',
          "A lightweight read-only endpoint for conveying NetBox's current operational status.",
        )
      : viewMetadata(
          'API Root',
          "This is the root of NetBox's REST API. API endpoints are arranged by app and model name; e.g. `/api/dcim/sites/`.",
        );
  }

  /** Both are GET-only views in NetBox: any other method is DRF's 405. */
  @All(['', 'status'])
  @ApiExcludeEndpoint()
  methodNotAllowed(@Req() request: Request): never {
    throw new MethodNotAllowedError(request.method);
  }

  private async serviceHealth(): Promise<Record<keyof GatewayConfig['upstreams'], ServiceHealth>> {
    const entries = await Promise.all(
      Object.entries(this.config.upstreams).map(async ([name, url]) => [name, await probeServiceHealth(url)]),
    );
    return Object.fromEntries(entries) as Record<keyof GatewayConfig['upstreams'], ServiceHealth>;
  }

  private async infrastructureHealth(): Promise<Record<string, string>> {
    const results = await Promise.all(
      this.checks.map(async (check) => [
        check.name,
        await check.check().then(
          () => 'ok',
          (e: Error) => e.message,
        ),
      ]),
    );
    return Object.fromEntries(results) as Record<string, string>;
  }
}
