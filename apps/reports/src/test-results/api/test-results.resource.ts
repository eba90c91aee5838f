import { netboxResource } from '@validity/platform/netbox-api';
import { TEST_RESULT_LIST_QUERY, TEST_RESULT_OR_BRIEF } from './test-result.openapi';

/** `/api/plugins/validity/test-results/` for the NetBox resource kit: read-only, no OPTIONS. */
export const TEST_RESULTS = netboxResource({
  controller: 'TestResultsController',
  path: 'api/plugins/validity/test-results',
  singular: 'compliance test result',
  plural: 'compliance test results',
  representation: TEST_RESULT_OR_BRIEF,
  representationOrBrief: TEST_RESULT_OR_BRIEF,
  listQuery: TEST_RESULT_LIST_QUERY,
});
