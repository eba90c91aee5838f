import {
  CHANGE_LOGGED_OPTIONS,
  NETBOX_OBJECT_OPTIONS,
  netboxResource,
  schemaRef,
} from '@validity/platform/netbox-api';
import { MAX_INTEGER_ID } from '../../http/object-id';
import {
  DEVICE_STATUS_CHOICES,
  DYNAMIC_PAIRS_CHOICES,
  FILTER_OPERATION_CHOICES,
} from '../domain/compliance-selector-choices';
import { COMPLIANCE_SELECTOR, COMPLIANCE_SELECTOR_FILTERS } from './compliance-selector.openapi';

const DCIM_FILTER = { type: 'field', label: '' } as const;

/** `/api/plugins/validity/selectors/` for the NetBox resource kit: OpenAPI operations and OPTIONS. */
export const COMPLIANCE_SELECTORS = netboxResource({
  controller: 'ComplianceSelectorsController',
  path: 'api/plugins/validity/selectors',
  maxId: MAX_INTEGER_ID,
  singular: 'compliance selector',
  plural: 'compliance selectors',
  representation: COMPLIANCE_SELECTOR,
  brief: schemaRef('BriefComplianceSelector'),
  filters: COMPLIANCE_SELECTOR_FILTERS,
  writable: 'WritableComplianceSelector',
  patched: 'PatchedWritableComplianceSelector',
  conflicts: true,
  writes: { create: {}, replace: {}, modify: {}, remove: {} },
  // DRF's SimpleMetadata over Validity 2.3's ComplianceSelectorSerializer: labels are the model
  // fields' verbose names; related fields without a label of their own show `type: field`.
  options: {
    name: 'Compliance Selector List',
    bulkUpdate: true,
    fields: {
      ...NETBOX_OBJECT_OPTIONS,
      name: { type: 'string', required: true, label: 'Selector Name', max_length: 255 },
      filter_operation: {
        type: 'choice',
        label: 'Multi-filter operation',
        choices: FILTER_OPERATION_CHOICES,
      },
      name_filter: { type: 'string', label: 'Device Name Filter', max_length: 255 },
      tag_filter: { ...DCIM_FILTER, label: 'Tag Filter' },
      manufacturer_filter: { ...DCIM_FILTER, label: 'Manufacturer Filter' },
      type_filter: { ...DCIM_FILTER, label: 'Device Type Filter' },
      platform_filter: { ...DCIM_FILTER, label: 'Platform Filter' },
      status_filter: { type: 'choice', label: 'Status filter', choices: DEVICE_STATUS_CHOICES },
      location_filter: { ...DCIM_FILTER, label: 'Location Filter' },
      site_filter: { ...DCIM_FILTER, label: 'Site Filter' },
      tenant_filter: { ...DCIM_FILTER, label: 'Tenant Filter' },
      dynamic_pairs: { type: 'choice', label: 'Dynamic Pairs', choices: DYNAMIC_PAIRS_CHOICES },
      dp_tag_prefix: { type: 'string', label: 'Dynamic Pair Tag Prefix', max_length: 255 },
      tags: { type: 'field', label: 'Tags' },
      custom_fields: { type: 'field', label: 'Custom fields' },
      ...CHANGE_LOGGED_OPTIONS,
    },
  },
});
