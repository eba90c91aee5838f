import type { SchemaObject } from '@nestjs/swagger';
import {
  ANY_JSON,
  CHANGE_LOGGED,
  filterQuery,
  netboxObject,
  nullable,
  schemaRef,
  type QueryParameter,
} from '@validity/platform/netbox-api';
import { SEVERITIES } from '../../compliance-tests/domain/severity';

const NESTED_DEVICE = netboxObject({ name: { type: 'string' } });

/** `testResultData` and `briefTestResultData` exactly. */
export const TEST_RESULT_SCHEMAS: Record<string, SchemaObject> = {
  ComplianceTestResult: netboxObject({
    test: schemaRef('BriefComplianceTest'),
    device: NESTED_DEVICE,
    dynamic_pair: nullable(NESTED_DEVICE),
    report: schemaRef('BriefComplianceReport'),
    passed: { type: 'boolean' },
    explanation: ANY_JSON,
    custom_fields: { type: 'object', maxProperties: 0, description: 'Runs set no custom fields on results' },
    ...CHANGE_LOGGED,
  }),
  BriefComplianceTestResult: netboxObject({ passed: { type: 'boolean' } }),
};

export const TEST_RESULT_FILTERS: readonly QueryParameter[] = [
  ...['report_id', 'test_id', 'device_id'].map((name) => filterQuery(name, { type: 'integer' })),
  filterQuery('passed', { type: 'boolean' }),
  filterQuery('severity', { type: 'string', enum: [...SEVERITIES] }),
  filterQuery('latest', { type: 'boolean' }),
  filterQuery('q'),
];
