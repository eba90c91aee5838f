import { netboxResource, schemaRef } from '@validity/platform/netbox-api';
import { MAX_INTEGER_ID } from '../../http/object-id';
import { COMPLIANCE_REPORT, COMPLIANCE_REPORT_FILTERS } from './compliance-report.openapi';

/** `/api/plugins/validity/reports/` for the NetBox resource kit: OpenAPI operations and OPTIONS. */
export const COMPLIANCE_REPORTS = netboxResource({
  controller: 'ComplianceReportsController',
  path: 'api/plugins/validity/reports',
  maxId: MAX_INTEGER_ID,
  singular: 'compliance report',
  plural: 'compliance reports',
  representation: COMPLIANCE_REPORT,
  brief: schemaRef('BriefComplianceReport'),
  filters: COMPLIANCE_REPORT_FILTERS,
  conflicts: true,
  options: {
    summary: 'Field metadata (DRF metadata)',
    name: 'Compliance Report List',
    description: 'POST stores one compliance run: its results are validated, stored and counted at once.',
    fields: {
      id: { type: 'integer', read_only: true, label: 'ID' },
      results: { type: 'list', required: true, label: 'Results' },
      custom_fields: { type: 'field', label: 'Custom fields' },
    },
  },
});
