import { restDateTime, snapshotDateTime, type JsonObject } from '@validity/contracts';
import { changeLoggedFieldsOf } from '../../event-sourcing/envelope-data';
import type { ComplianceTest, SelectorReference } from './compliance-test';
import type { Severity } from './severity';

const SELECTORS_PATH = '/api/plugins/validity/selectors/';

/** Path of a test's detail route; made absolute (REST) or kept relative (events) by the caller's base. */
export function complianceTestPath(id: number): string {
  return `/api/plugins/validity/tests/${id}/`;
}

/**
 * Validity 2.3's ComplianceTestSerializer, in its `Meta.fields` order: `expression` is write-only (never
 * shown), `effective_expression` shows the expression (Validity reads the data file when there is no
 * expression; this system has no data sources, so `data_source` and `data_file` are always null), and
 * `selectors` are the nested selectors NetBox 3.6 gets. This system has no tags: `tags` is `[]`.
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
    effective_expression: test.expression,
    data_source: null,
    data_file: null,
    selectors: test.selectors.map((selector) => ({
      id: selector.id,
      url: `${base}${SELECTORS_PATH}${selector.id}/`,
      display: selector.name,
      name: selector.name,
    })),
    tags: [],
    custom_fields: test.customFields,
    created: restDateTime(test.created.date, test.created.micros),
    last_updated: restDateTime(test.lastUpdated.date, test.lastUpdated.micros),
  };
}

/**
 * The test an event's `data` shows (`complianceTestData` read back): everything the read model holds is in
 * it, the expression as `effective_expression`, the selectors nested with their names at that time.
 */
export function complianceTestOfData(data: JsonObject): ComplianceTest {
  const selectors = data.selectors as unknown as SelectorReference[];
  return {
    id: data.id as number,
    name: data.name as string,
    description: data.description as string,
    severity: data.severity as Severity,
    expression: data.effective_expression as string,
    selectors: selectors.map(({ id, name }) => ({ id, name })),
    ...changeLoggedFieldsOf(data),
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
 * The test as NetBox 3.6 snapshots it (`serialize_object`: Django's serializer, then `custom_field_data`
 * renamed `custom_fields` and the sorted tag names appended as `tags`). Django writes the concrete fields
 * in creation order, and Validity's `DataSourceMixin` fields (`data_source`, `data_file`, foreign keys
 * as ids) are created before the test's own; then the many-to-many `selectors` as ids (in the selectors'
 * name order). Datetimes to the millisecond with `Z`.
 */
export function complianceTestSnapshot(test: ComplianceTest): JsonObject {
  return {
    created: snapshotDateTime(test.created.date, test.created.micros),
    last_updated: snapshotDateTime(test.lastUpdated.date, test.lastUpdated.micros),
    data_source: null,
    data_file: null,
    name: test.name,
    description: test.description,
    severity: test.severity,
    expression: test.expression,
    selectors: test.selectors.map((selector) => selector.id),
    custom_fields: test.customFields,
    tags: [],
  };
}
