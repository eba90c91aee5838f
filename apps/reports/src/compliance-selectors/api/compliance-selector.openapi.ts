import type { SchemaObject } from '@nestjs/swagger';
import {
  CHANGE_LOGGED,
  CHANGE_LOGGED_FILTERS,
  CUSTOM_FIELDS,
  filterQuery,
  netboxObject,
  NO_TAGS,
  schemaRef,
  writableSchemas,
  type QueryParameter,
} from '@validity/platform/netbox-api';
import { DEVICE_STATUSES, DYNAMIC_PAIRS, FILTER_OPERATIONS } from '../domain/compliance-selector-choices';
import { REQUIRED_SELECTOR_FIELDS } from '../input/compliance-selector.input';

const FILTER_OPERATION: SchemaObject = { type: 'string', enum: [...FILTER_OPERATIONS] };
const DYNAMIC_PAIRS_SCHEMA: SchemaObject = { type: 'string', enum: [...DYNAMIC_PAIRS] };
const STATUS_FILTER: SchemaObject = { type: 'string', enum: ['', ...DEVICE_STATUSES] };
const NO_DCIM_OBJECTS: SchemaObject = {
  type: 'array',
  maxItems: 0,
  items: {},
  description: 'This system has no DCIM objects, so the filter is always empty',
};
const TEXT_255: SchemaObject = { type: 'string', maxLength: 255 };

/** The DCIM filters and dynamic pairs, the same when written and read. */
const DEVICE_SELECTION_FIELDS: Record<string, SchemaObject> = {
  tag_filter: NO_DCIM_OBJECTS,
  manufacturer_filter: NO_DCIM_OBJECTS,
  type_filter: NO_DCIM_OBJECTS,
  platform_filter: NO_DCIM_OBJECTS,
  status_filter: STATUS_FILTER,
  location_filter: NO_DCIM_OBJECTS,
  site_filter: NO_DCIM_OBJECTS,
  tenant_filter: NO_DCIM_OBJECTS,
  dynamic_pairs: DYNAMIC_PAIRS_SCHEMA,
};

/** What `ComplianceSelectorInput` reads; unknown and read-only keys are ignored, as in DRF. */
const WRITABLE_SELECTOR_FIELDS: Record<string, SchemaObject> = {
  name: { type: 'string', minLength: 1, maxLength: 255 },
  filter_operation: FILTER_OPERATION,
  name_filter: { ...TEXT_255, description: 'A Python regular expression over device names' },
  ...DEVICE_SELECTION_FIELDS,
  dp_tag_prefix: TEXT_255,
  tags: NO_TAGS,
  custom_fields: CUSTOM_FIELDS,
};

/** `complianceSelectorData` and `briefComplianceSelectorData` exactly, and the bodies the routes accept. */
export const COMPLIANCE_SELECTOR_SCHEMAS: Record<string, SchemaObject> = {
  ComplianceSelector: netboxObject({
    name: { type: 'string' },
    filter_operation: FILTER_OPERATION,
    name_filter: { type: 'string' },
    ...DEVICE_SELECTION_FIELDS,
    dp_tag_prefix: { type: 'string' },
    tags: NO_TAGS,
    custom_fields: CUSTOM_FIELDS,
    ...CHANGE_LOGGED,
  }),
  BriefComplianceSelector: netboxObject({ name: { type: 'string' } }),
  ...writableSchemas('ComplianceSelector', WRITABLE_SELECTOR_FIELDS, REQUIRED_SELECTOR_FIELDS),
};

export const COMPLIANCE_SELECTOR = schemaRef('ComplianceSelector');
/** `SELECTOR_FILTERS`' parameters (lookups not listed). */
export const COMPLIANCE_SELECTOR_FILTERS: readonly QueryParameter[] = [
  filterQuery('name'),
  filterQuery('filter_operation', FILTER_OPERATION),
  filterQuery('dynamic_pairs', DYNAMIC_PAIRS_SCHEMA),
  ...CHANGE_LOGGED_FILTERS,
  filterQuery('q'),
];
