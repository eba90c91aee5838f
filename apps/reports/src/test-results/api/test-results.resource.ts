import { netboxResource, schemaRef } from '@validity/platform/netbox-api';
import { TEST_RESULT_FILTERS } from './test-result.openapi';

/** `/api/plugins/validity/test-results/` for the NetBox resource kit: read-only, no OPTIONS. */
export const TEST_RESULTS = netboxResource({
  controller: 'TestResultsController',
  path: 'api/plugins/validity/test-results',
  singular: 'compliance test result',
  plural: 'compliance test results',
  representation: schemaRef('ComplianceTestResult'),
  brief: schemaRef('BriefComplianceTestResult'),
  filters: TEST_RESULT_FILTERS,
});
