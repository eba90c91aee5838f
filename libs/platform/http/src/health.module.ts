import { Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import { HEALTH_CHECKS, HealthController, SERVICE_NAME, type HealthCheck } from './health.controller';

@Module({})
export class HealthModule {
  static forService(
    service: string,
    checks: Omit<FactoryProvider<HealthCheck[]>, 'provide'> = { useFactory: () => [] },
  ): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_NAME, useValue: service },
        { provide: HEALTH_CHECKS, ...checks },
      ],
    };
  }
}
