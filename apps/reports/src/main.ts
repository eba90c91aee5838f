import { bootstrapService } from '@validity/platform/http';
import { AppModule } from './app.module';
import { COMPLIANCE_TEST_SCHEMAS } from './compliance-tests/compliance-test.openapi';
import { COMPLIANCE_REPORT_SCHEMAS } from './reports/compliance-report.openapi';
import { TEST_RESULT_SCHEMAS } from './test-results/test-result.openapi';
import { loadReportsConfig } from './config';

const config = loadReportsConfig();
void bootstrapService(AppModule.register(config), config.http, {
  openApiSchemas: { ...COMPLIANCE_TEST_SCHEMAS, ...COMPLIANCE_REPORT_SCHEMAS, ...TEST_RESULT_SCHEMAS },
});
