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
import { countRows } from '../../storage/count-rows';
import { REPORTS_TABLES, selectFrom, type ReportsTables } from '../../storage/reports-tables';
import type { ComplianceSelector } from '../domain/compliance-selector';
import { DYNAMIC_PAIRS, FILTER_OPERATIONS } from '../domain/compliance-selector-choices';
import {
  complianceSelectorColumns,
  complianceSelectorFromRow,
  selectComplianceSelector,
  type ComplianceSelectorRow,
} from './compliance-selector.rows';

/**
 * Validity 2.3's ComplianceSelectorFilterSet: `Meta.fields` `id, name, filter_operation, dynamic_pairs`
 * (with NetBox's lookups), NetBoxModelFilterSet's `created` / `last_updated`, and `q` over `name` and
 * `name_filter` (Validity's SearchMixin: case-insensitive substring).
 */
const SELECTOR_FILTERS = {
  id: numberFilter('s.id'),
  name: stringFilter('s.name'),
  filter_operation: choiceFilter('s.filter_operation', FILTER_OPERATIONS),
  dynamic_pairs: choiceFilter('s.dynamic_pairs', DYNAMIC_PAIRS),
  created: dateTimeFilter('s.created'),
  last_updated: dateTimeFilter('s.last_updated'),
  q: searchFilter(['s.name', 's.name_filter']),
};

/** Reads compliance selectors, ordered by name as Validity's model is. */
@Injectable()
export class ComplianceSelectorsQuery {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  async list(
    query: QueryParams,
    page: Pagination,
  ): Promise<{ count: number; results: ComplianceSelector[] }> {
    const filtered = applyFilters(
      selectFrom(this.dataSource.manager, this.tables, 'selectors', 's'),
      SELECTOR_FILTERS,
      query,
    );
    const count = await countRows(filtered);
    const rows = await filtered
      .clone()
      .select(complianceSelectorColumns('s'))
      .orderBy('s.name')
      .addOrderBy('s.id')
      .limit(page.limit)
      .offset(page.offset)
      .getRawMany<ComplianceSelectorRow>();
    return { count, results: rows.map(complianceSelectorFromRow) };
  }

  async get(id: number): Promise<ComplianceSelector> {
    const [row]: ComplianceSelectorRow[] = await this.dataSource.query(
      selectComplianceSelector(this.tables),
      [id],
    );
    if (!row) throw new NotFoundError();
    return complianceSelectorFromRow(row);
  }
}
