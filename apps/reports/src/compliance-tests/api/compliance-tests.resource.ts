import {
  CHANGE_LOGGED_OPTIONS,
  NETBOX_OBJECT_OPTIONS,
  netboxResource,
  schemaRef,
} from '@validity/platform/netbox-api';
import { COMPLIANCE_TEST, COMPLIANCE_TEST_FILTERS } from './compliance-test.openapi';
import { SEVERITY_CHOICES } from '../domain/severity';
import { MAX_INTEGER_ID } from '../../http/object-id';

/** `/api/plugins/validity/tests/` for the NetBox resource kit: OpenAPI operations and OPTIONS. */
export const COMPLIANCE_TESTS = netboxResource({
  controller: 'ComplianceTestsController',
  path: 'api/plugins/validity/tests',
  singular: 'compliance test',
  plural: 'compliance tests',
  representation: COMPLIANCE_TEST,
  brief: schemaRef('BriefComplianceTest'),
  filters: COMPLIANCE_TEST_FILTERS,
  maxId: MAX_INTEGER_ID,
  writable: 'WritableComplianceTest',
  patched: 'PatchedWritableComplianceTest',
  conflicts: true,
  writes: { create: {}, replace: {}, modify: {}, remove: {} },
  options: {
    name: 'Compliance Test List',
    bulkUpdate: true,
    fields: {
      ...NETBOX_OBJECT_OPTIONS,
      name: { type: 'string', required: true, label: 'Name', max_length: 255 },
      severity: { type: 'choice', label: 'Severity', choices: SEVERITY_CHOICES },
      description: { type: 'string', required: true, label: 'Description' },
      effective_expression: { type: 'field', read_only: true, label: 'Effective expression' },
      expression: { type: 'string', label: 'Expression' },
      data_source: { type: 'nested object', label: 'Data source', help_text: 'Remote data source' },
      data_file: { type: 'nested object', label: 'Data file' },
      selectors: { type: 'field', label: 'Selectors' },
      tags: { type: 'field', label: 'Tags' },
      custom_fields: { type: 'field', label: 'Custom fields' },
      ...CHANGE_LOGGED_OPTIONS,
    },
  },
});
