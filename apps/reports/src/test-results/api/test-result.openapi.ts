import type { SchemaObject } from '@nestjs/swagger';
import {
  ABSOLUTE_URL,
  ANY_JSON,
  exactObject,
  filterQuery,
  NETBOX_DATETIME,
  nullable,
  OBJECT_ID,
  schemaRef,
  type QueryParameter,
} from '@validity/platform/netbox-api';
import { SEVERITIES } from '../../compliance-tests/domain/severity';

const NESTED_DEVICE = exactObject({
  id: OBJECT_ID,
  url: ABSOLUTE_URL,
  display: { type: 'string' },
  name: { type: 'string' },
});

/** `testResultData` and `briefTestResultData` exactly. */
export const TEST_RESULT_SCHEMAS: Record<string, SchemaObject> = {
  ComplianceTestResult: exactObject({
    id: OBJECT_ID,
    url: ABSOLUTE_URL,
    display: { type: 'string' },
    test: schemaRef('BriefComplianceTest'),
    device: NESTED_DEVICE,
    dynamic_pair: nullable(NESTED_DEVICE),
    report: schemaRef('BriefComplianceReport'),
    passed: { type: 'boolean' },
    explanation: ANY_JSON,
    custom_fields: { type: 'object', maxProperties: 0, description: 'Runs set no custom fields on results' },
    created: NETBOX_DATETIME,
    last_updated: NETBOX_DATETIME,
  }),
  BriefComplianceTestResult: exactObject({
    id: OBJECT_ID,
    url: ABSOLUTE_URL,
    display: { type: 'string' },
    passed: { type: 'boolean' },
  }),
};

export const TEST_RESULT_FILTERS: readonly QueryParameter[] = [
  ...['report_id', 'test_id', 'device_id'].map((name) => filterQuery(name, { type: 'integer' })),
  filterQuery('passed', { type: 'boolean' }),
  filterQuery('severity', { type: 'string', enum: [...SEVERITIES] }),
  filterQuery('latest', { type: 'boolean' }),
  filterQuery('q'),
];
