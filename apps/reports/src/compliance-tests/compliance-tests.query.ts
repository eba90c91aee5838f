import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  applyFilters,
  choiceFilter,
  dateTimeFilter,
  NotFoundError,
  numberFilter,
  searchFilter,
  stringFilter,
  type Pagination,
  type QueryParams,
} from '@validity/platform/netbox-api';
import { countRows } from '../storage/count-rows';
import { REPORTS_TABLES, selectFrom, type ReportsTables } from '../storage/reports-tables';
import type { ComplianceTest } from './compliance-test';
import {
  complianceTestColumns,
  complianceTestFromRow,
  selectComplianceTest,
  type ComplianceTestRow,
} from './compliance-test.rows';
import { SEVERITIES } from './severity';

/** Validity's ComplianceTestFilterSet (NetBox lookups included), `q` over name, description, expression. */
const TEST_FILTERS = {
  id: numberFilter('t.id'),
  name: stringFilter('t.name'),
  description: stringFilter('t.description'),
  severity: choiceFilter('t.severity', SEVERITIES),
  created: dateTimeFilter('t.created'),
  last_updated: dateTimeFilter('t.last_updated'),
  q: searchFilter(['t.name', 't.description', 't.expression']),
};

/** Reads compliance tests, ordered by name as Validity's model is. */
@Injectable()
export class ComplianceTestsQuery {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  async list(query: QueryParams, page: Pagination): Promise<{ count: number; results: ComplianceTest[] }> {
    const filtered = applyFilters(
      selectFrom(this.dataSource.manager, this.tables, 'tests', 't'),
      TEST_FILTERS,
      query,
    );
    const count = await countRows(filtered);
    const rows = await filtered
      .clone()
      .select(complianceTestColumns('t'))
      .orderBy('t.name')
      .addOrderBy('t.id')
      .limit(page.limit)
      .offset(page.offset)
      .getRawMany<ComplianceTestRow>();
    return { count, results: rows.map(complianceTestFromRow) };
  }

  async get(id: number): Promise<ComplianceTest> {
    const [row]: ComplianceTestRow[] = await this.dataSource.query(selectComplianceTest(this.tables), [id]);
    if (!row) throw new NotFoundError();
    return complianceTestFromRow(row);
  }
}
