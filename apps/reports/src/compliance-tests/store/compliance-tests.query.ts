import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  applyFilters,
  choiceFilter,
  customFilter,
  dateTimeFilter,
  NotFoundError,
  numberFilter,
  searchFilter,
  stringFilter,
  type Pagination,
  type QueryParams,
  valuesOf,
} from '@validity/platform/netbox-api';
import { checkModelChoices } from '../domain/model-choices';
import { countRows } from '../../storage/count-rows';
import { REPORTS_TABLES, selectFrom, type ReportsTables } from '../../storage/reports-tables';
import type { ComplianceTest } from '../domain/compliance-test';
import {
  complianceTestColumns,
  complianceTestFromRow,
  selectComplianceTest,
  type ComplianceTestRow,
} from './compliance-test.rows';
import { SEVERITIES } from '../domain/severity';

/**
 * Validity 2.3's ComplianceTestFilterSet (NetBox lookups included), `q` over name, description,
 * expression. `selector_id` and `datasource_id` are `ModelMultipleChoiceFilter`s: their values are
 * checked first (`checkModelChoices`), then ORed.
 */
const testFilters = (tables: ReportsTables) => ({
  id: numberFilter('t.id'),
  name: stringFilter('t.name'),
  description: stringFilter('t.description'),
  severity: choiceFilter('t.severity', SEVERITIES),
  created: dateTimeFilter('t.created'),
  last_updated: dateTimeFilter('t.last_updated'),
  q: searchFilter(['t.name', 't.description', 't.expression']),
  selector_id: customFilter((values, parameterName) => ({
    sql: `EXISTS (SELECT 1 FROM ${tables.testSelectors} ts WHERE ts.test_id = t.id AND ts.selector_id IN (${values
      .map((_, index) => `:${parameterName(index)}`)
      .join(', ')}))`,
    parameters: Object.fromEntries(values.map((value, index) => [parameterName(index), Number(value)])),
  })),
  // No data sources exist here, so `checkModelChoices` refuses every value before this runs.
  datasource_id: customFilter(() => ({ sql: 'FALSE', parameters: {} })),
});

/** Reads compliance tests, ordered by name as Validity's model is. */
@Injectable()
export class ComplianceTestsQuery {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  async list(query: QueryParams, page: Pagination): Promise<{ count: number; results: ComplianceTest[] }> {
    checkModelChoices(query, {
      selector_id: await this.existingIds(this.tables.selectors, valuesOf(query, 'selector_id')),
      datasource_id: new Set(),
    });
    const filtered = applyFilters(
      selectFrom(this.dataSource.manager, this.tables, 'tests', 't'),
      testFilters(this.tables),
      query,
    );
    const count = await countRows(filtered);
    const rows = await filtered
      .clone()
      .select(complianceTestColumns(this.tables, 't'))
      .orderBy('t.name')
      .addOrderBy('t.id')
      .limit(page.limit)
      .offset(page.offset)
      .getRawMany<ComplianceTestRow>();
    return { count, results: rows.map(complianceTestFromRow) };
  }

  private async existingIds(table: string, values: readonly string[]): Promise<Set<number>> {
    const ids = values.filter((value) => /^\d{1,9}$/.test(value)).map(Number);
    if (ids.length === 0) return new Set();
    const rows: Array<{ id: number }> = await this.dataSource.query(
      `SELECT id FROM ${table} WHERE id = ANY($1::integer[])`,
      [ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  async get(id: number): Promise<ComplianceTest> {
    const [row]: ComplianceTestRow[] = await this.dataSource.query(selectComplianceTest(this.tables), [id]);
    if (!row) throw new NotFoundError();
    return complianceTestFromRow(row);
  }
}
