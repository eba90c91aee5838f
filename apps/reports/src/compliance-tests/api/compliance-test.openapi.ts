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
import { REQUIRED_TEST_FIELDS } from '../input/compliance-test.input';
import { SEVERITIES } from '../domain/severity';

const SEVERITY: SchemaObject = { type: 'string', enum: [...SEVERITIES] };
const NO_DATA_SOURCE: SchemaObject = {
  type: 'object',
  nullable: true,
  enum: [null],
  description: 'Always null: this system has no NetBox data sources or data files',
};

/** What `ComplianceTestInput` reads; unknown and read-only keys are ignored, as in DRF. */
const WRITABLE_TEST_FIELDS: Record<string, SchemaObject> = {
  name: { type: 'string', minLength: 1, maxLength: 255 },
  severity: SEVERITY,
  description: { type: 'string', minLength: 1 },
  expression: {
    type: 'string',
    minLength: 1,
    description: 'A Python expression (Validity); write-only, shown as `effective_expression`',
  },
  selectors: {
    type: 'array',
    items: { type: 'integer', minimum: 1 },
    description: 'Ids of compliance selectors',
  },
  tags: NO_TAGS,
  custom_fields: CUSTOM_FIELDS,
};

/** `complianceTestData` and `briefComplianceTestData` exactly, and the bodies the routes accept. */
export const COMPLIANCE_TEST_SCHEMAS: Record<string, SchemaObject> = {
  ComplianceTest: netboxObject({
    name: { type: 'string' },
    severity: SEVERITY,
    description: { type: 'string' },
    effective_expression: { type: 'string' },
    data_source: NO_DATA_SOURCE,
    data_file: NO_DATA_SOURCE,
    selectors: { type: 'array', items: schemaRef('BriefComplianceSelector') },
    tags: NO_TAGS,
    custom_fields: CUSTOM_FIELDS,
    ...CHANGE_LOGGED,
  }),
  BriefComplianceTest: netboxObject({ name: { type: 'string' }, severity: SEVERITY }),
  ...writableSchemas('ComplianceTest', WRITABLE_TEST_FIELDS, REQUIRED_TEST_FIELDS),
};

export const COMPLIANCE_TEST = schemaRef('ComplianceTest');
/** `TEST_FILTERS`' parameters (lookups not listed). */
export const COMPLIANCE_TEST_FILTERS: readonly QueryParameter[] = [
  filterQuery('name'),
  filterQuery('description'),
  filterQuery('severity', SEVERITY),
  filterQuery('selector_id', { type: 'integer' }),
  filterQuery('datasource_id', { type: 'integer' }),
  ...CHANGE_LOGGED_FILTERS,
  filterQuery('q'),
];
