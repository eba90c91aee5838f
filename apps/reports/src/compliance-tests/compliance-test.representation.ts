import { restDateTime, snapshotDateTime, type JsonObject } from '@validity/contracts';
import type { ComplianceTest } from './compliance-test';

/** Path of a test's detail route; made absolute (REST) or kept relative (events) by the caller's base. */
export function complianceTestPath(id: number): string {
  return `/api/plugins/validity/tests/${id}/`;
}

/**
 * Validity's ComplianceTestSerializer, in its field order, for the fields this service stores.
 * `base` is the scheme and host for REST answers, `''` for event data (relative urls, as NetBox).
 */
export function complianceTestData(test: ComplianceTest, base: string): JsonObject {
  return {
    id: test.id,
    url: `${base}${complianceTestPath(test.id)}`,
    display: test.name,
    name: test.name,
    severity: test.severity,
    description: test.description,
    expression: test.expression,
    custom_fields: test.customFields,
    created: restDateTime(test.created.date, test.created.micros),
    last_updated: restDateTime(test.lastUpdated.date, test.lastUpdated.micros),
  };
}

/** Validity's nested test (`?brief=1`, and inside test results). */
export function briefComplianceTestData(
  test: Pick<ComplianceTest, 'id' | 'name' | 'severity'>,
  base: string,
): JsonObject {
  return {
    id: test.id,
    url: `${base}${complianceTestPath(test.id)}`,
    display: test.name,
    name: test.name,
    severity: test.severity,
  };
}

/**
 * The test as NetBox snapshots it (Django's model serializer): model fields in declaration order, then
 * `custom_field_data` renamed `custom_fields`; datetimes to the millisecond with `Z`.
 */
export function complianceTestSnapshot(test: ComplianceTest): JsonObject {
  return {
    created: snapshotDateTime(test.created.date, test.created.micros),
    last_updated: snapshotDateTime(test.lastUpdated.date, test.lastUpdated.micros),
    name: test.name,
    description: test.description,
    severity: test.severity,
    expression: test.expression,
    custom_fields: test.customFields,
  };
}
