import { PublicRoute } from '@validity/platform/auth';
import { Controller, Get, Inject, HttpException, HttpStatus } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** One dependency a service needs to do its work; `check` rejects when it is unreachable. */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
export const SERVICE_NAME = Symbol('SERVICE_NAME');

export interface HealthReport {
  service: string;
  status: 'ok' | 'degraded';
  checks: Record<string, 'ok' | string>;
}

/** `GET /health`: 200 when every dependency answers, 503 with the failing ones named otherwise. */
@Controller('health')
@ApiExcludeController()
@PublicRoute()
export class HealthController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[],
  ) {}

  @Get()
  async health(): Promise<HealthReport> {
    const results = await Promise.all(
      this.checks.map(async (check) => {
        try {
          await withTimeout(check.check(), 3_000);
          return [check.name, 'ok'] as const;
        } catch (error) {
          return [check.name, error instanceof Error ? error.message : String(error)] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    const healthy = results.every(([, result]) => result === 'ok');
    const report: HealthReport = { service: this.service, status: healthy ? 'ok' : 'degraded', checks };
    if (!healthy) throw new HttpException(report, HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
