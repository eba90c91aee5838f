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
  writes: {
    /**
     * The body is parsed in memory under the service's JSON limit (32 MiB, `DEFAULT_BODY_LIMIT_BYTES`):
     * a 100,000-result run of the benchmark's shape is 10.3 MiB, so about 300,000 results fit; a larger
     * body is refused with 413 naming the limit.
     */
    create: {
      summary: "Store one compliance run's results as a report (not in Validity)",
      body: schemaRef('ComplianceRun'),
      links: ['get', 'remove'],
    },
    remove: { summary: 'Delete a compliance report and its results' },
  },
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
