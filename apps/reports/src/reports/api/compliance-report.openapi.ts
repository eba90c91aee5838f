import type { SchemaObject } from '@nestjs/swagger';
import {
  ABSOLUTE_URL,
  ANY_JSON,
  CHANGE_LOGGED,
  CHANGE_LOGGED_FILTERS,
  CUSTOM_FIELDS,
  netboxObject,
  schemaRef,
  type QueryParameter,
} from '@validity/platform/netbox-api';

const COUNT: SchemaObject = { type: 'integer', minimum: 0 };

/** A test or device as a result names it: by id (number, digit string, `{"id": n}`) or `{"name": ...}`. */
const OBJECT_REFERENCE: SchemaObject = {
  anyOf: [
    { type: 'integer', minimum: 1 },
    { type: 'string', pattern: '^\\d+$' },
    { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
    {
      type: 'object',
      properties: { name: { type: 'string', minLength: 1, maxLength: 64 } },
      required: ['name'],
    },
  ],
};

/**
 * `complianceReportData` with its counts (every REST answer has them) and the brief form, exactly; the
 * run body `readRunInput` reads.
 */
export const COMPLIANCE_REPORT_SCHEMAS: Record<string, SchemaObject> = {
  ComplianceReport: netboxObject({
    device_count: COUNT,
    test_count: COUNT,
    total_passed: COUNT,
    total_count: COUNT,
    low_passed: COUNT,
    low_count: COUNT,
    middle_passed: COUNT,
    middle_count: COUNT,
    high_passed: COUNT,
    high_count: COUNT,
    results_url: ABSOLUTE_URL,
    custom_fields: CUSTOM_FIELDS,
    ...CHANGE_LOGGED,
  }),
  BriefComplianceReport: netboxObject({}),
  ComplianceRun: {
    type: 'object',
    description: "One compliance run's results; every test and device must exist (else 400).",
    properties: {
      results: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            test: OBJECT_REFERENCE,
            device: OBJECT_REFERENCE,
            dynamic_pair: { ...OBJECT_REFERENCE, nullable: true },
            passed: { type: 'boolean' },
            explanation: ANY_JSON,
          },
          required: ['test', 'device', 'passed'],
        },
      },
      custom_fields: CUSTOM_FIELDS,
    },
    required: ['results'],
  },
};

export const COMPLIANCE_REPORT = schemaRef('ComplianceReport');
export const COMPLIANCE_REPORT_FILTERS: readonly QueryParameter[] = CHANGE_LOGGED_FILTERS;
