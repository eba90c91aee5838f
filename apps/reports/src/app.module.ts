import { Module, type DynamicModule } from '@nestjs/common';
import { EventStoreModule, EventStoreWrites } from '@validity/platform/event-store';
import { openApiSchemasProvider, ServicePlatformModule } from '@validity/platform/http';
import { ComplianceSelectorsModule } from './compliance-selectors/compliance-selectors.module';
import { ComplianceTestsModule } from './compliance-tests/compliance-tests.module';
import { ResultsOfDeletedTests } from './compliance-tests/use-cases/results-of-deleted-tests';
import { REPORTS_CONFIG, type ReportsConfig } from './config';
import { reportsWritesProvider } from './reports-writes';
import { ValidityApiRootController } from './http/validity-api-root.controller';
import { MIGRATIONS } from './migrations';
import { ReportsModule } from './reports/reports.module';
import { REPORTS_TABLES, reportsTables } from './storage/reports-tables';
import { resultsOfDeletedTestsProvider, TestResultsModule } from './test-results/test-results.module';
import { COMPLIANCE_SELECTOR_SCHEMAS } from './compliance-selectors/api/compliance-selector.openapi';
import { COMPLIANCE_TEST_SCHEMAS } from './compliance-tests/api/compliance-test.openapi';
import { COMPLIANCE_REPORT_SCHEMAS } from './reports/api/compliance-report.openapi';
import { TEST_RESULT_SCHEMAS } from './test-results/api/test-result.openapi';

@Module({})
export class AppModule {
  static register(config: ReportsConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ServicePlatformModule.forService(config, { migrations: MIGRATIONS }),
        EventStoreModule.forService({ schema: config.database.schema, databaseUrl: config.database.url }),
        ComplianceSelectorsModule,
        ComplianceTestsModule,
        ReportsModule,
        TestResultsModule,
      ],
      controllers: [ValidityApiRootController],
      providers: [
        openApiSchemasProvider({
          ...COMPLIANCE_SELECTOR_SCHEMAS,
          ...COMPLIANCE_TEST_SCHEMAS,
          ...COMPLIANCE_REPORT_SCHEMAS,
          ...TEST_RESULT_SCHEMAS,
        }),
        { provide: REPORTS_CONFIG, useValue: config },
        { provide: REPORTS_TABLES, useValue: reportsTables(config.database.schema) },
        reportsWritesProvider,
        resultsOfDeletedTestsProvider,
      ],
      exports: [REPORTS_CONFIG, REPORTS_TABLES, EventStoreWrites, ResultsOfDeletedTests],
    };
  }
}
