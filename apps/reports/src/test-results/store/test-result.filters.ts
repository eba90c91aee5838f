import {
  booleanFilter,
  customFilter,
  filterBoolean,
  InvalidFilterValueError,
  numberFilter,
  type FilterSet,
} from '@validity/platform/netbox-api';
import { SEVERITIES } from '../../compliance-tests/domain/severity';
import type { ReportsTables } from '../../storage/reports-tables';

/**
 * The filters whose conditions name only `r.report_id`, `r.test_id` and `r.passed`: they also run on the
 * maintained `test_result_counts` (aliased `r`), which answers `count` for any query made of them alone.
 */
export const COUNTED_FILTERS = ['report_id', 'test_id', 'passed', 'severity'] as const;

/**
 * Validity's ComplianceTestResultFilterSet over results aliased `r`. Conditions on the test or device
 * (`severity`, `q`) first collect the matching ids of those small tables into an array, so counting and
 * paging results needs no join and can use the results' `test_id` / `device_id` indexes.
 */
export function testResultFilters(tables: ReportsTables): FilterSet {
  return {
    id: numberFilter('r.id'),
    report_id: numberFilter('r.report_id'),
    test_id: numberFilter('r.test_id'),
    device_id: numberFilter('r.device_id'),
    passed: booleanFilter('r.passed'),
    severity: customFilter((values, parameterName) => {
      const unknown = values.find((value) => !(SEVERITIES as readonly string[]).includes(value));
      if (unknown !== undefined) {
        throw new InvalidFilterValueError(
          `Select a valid choice. ${unknown} is not one of the available choices.`,
        );
      }
      const names = values.map((_, index) => `:${parameterName(index)}`).join(', ');
      return {
        sql: `r.test_id = ANY(ARRAY(SELECT t.id FROM ${tables.tests} t WHERE t.severity IN (${names})))`,
        parameters: Object.fromEntries(values.map((value, index) => [parameterName(index), value])),
      };
    }),
    // Validity: `latest=true` keeps the newest result per test and device; false filters nothing.
    latest: customFilter((_values, _parameterName, lastValue) =>
      filterBoolean(lastValue)
        ? {
            sql: `EXISTS (SELECT 1 FROM ${tables.latestResults} l WHERE l.result_id = r.id)`,
            parameters: {},
          }
        : undefined,
    ),
    // Validity searches `test__name` and `device__name`, case-insensitively. The matching results' ids
    // are collected first (along the test and device indexes) and the list then reads just those: with
    // the plain OR the planner expects matches spread evenly and walks the primary key backwards, which
    // visited 90,000 rows to find one device's 50 newest at 1,000,000 results.
    q: customFilter((values, parameterName) => {
      const text = values.at(-1)?.trim();
      if (!text) return undefined;
      const pattern = `:${parameterName(0)}`;
      return {
        sql: `r.id = ANY(ARRAY(
                SELECT x.id FROM ${tables.results} x
                WHERE x.test_id = ANY(ARRAY(SELECT t.id FROM ${tables.tests} t WHERE t.name ILIKE ${pattern}))
                   OR x.device_id = ANY(ARRAY(SELECT d.id FROM ${tables.devices} d WHERE d.name ILIKE ${pattern}))))`,
        parameters: { [parameterName(0)]: `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%` },
      };
    }),
  };
}
