import { Module, type DynamicModule } from '@nestjs/common';
import { EventStoreModule } from '@validity/platform/event-store';
import { ServicePlatformModule } from '@validity/platform/http';
import { ComplianceTestsModule } from './compliance-tests/compliance-tests.module';
import { REPORTS_CONFIG, type ReportsConfig } from './config';
import { MIGRATIONS } from './migrations';
import { ReportsModule } from './reports/reports.module';
import { REPORTS_TABLES, reportsTables } from './storage/reports-tables';
import { TestResultsModule } from './test-results/test-results.module';

@Module({})
export class AppModule {
  static register(config: ReportsConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ServicePlatformModule.forService(config, { migrations: MIGRATIONS }),
        EventStoreModule.forService({ schema: config.database.schema, databaseUrl: config.database.url }),
        ComplianceTestsModule,
        ReportsModule,
        TestResultsModule,
      ],
      providers: [
        { provide: REPORTS_CONFIG, useValue: config },
        { provide: REPORTS_TABLES, useValue: reportsTables(config.database.schema) },
      ],
      exports: [REPORTS_CONFIG, REPORTS_TABLES],
    };
  }
}
