import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { JsonValue } from '@validity/contracts';
import {
  applyFilters,
  NotFoundError,
  type FilterSet,
  type Pagination,
  type QueryParams,
} from '@validity/platform/netbox-api';
import type { Severity } from '../../compliance-tests/domain/severity';
import { countRows } from '../../storage/count-rows';
import { epochMicrosOf, preciseTimeOf } from '../../storage/precise-time-column';
import { REPORTS_TABLES, selectFrom, type ReportsTables } from '../../storage/reports-tables';
import type { TestResultView } from '../domain/test-result';
import { visibleReport } from './test-result-store';
import { COUNTED_FILTERS, testResultFilters } from './test-result.filters';

interface TestResultRow {
  id: string;
  report_id: number;
  passed: boolean;
  explanation: JsonValue;
  test_id: number;
  test_name: string;
  test_severity: Severity;
  device_id: number;
  device_name: string;
  pair_id: number | null;
  pair_name: string | null;
  created_us: string;
  last_updated_us: string;
}

export interface TestResultsPage {
  count: number;
  results: TestResultView[];
}

/**
 * Reads results newest first (`id DESC`). The filters pick the page's ids on the results table alone,
 * along an index that ends in `id`; only that page is then joined to its test, devices and report.
 */
@Injectable()
export class TestResultsQuery {
  private readonly filters: FilterSet;
  private readonly countedFilters: FilterSet;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {
    this.filters = testResultFilters(tables);
    this.countedFilters = Object.fromEntries(COUNTED_FILTERS.map((name) => [name, this.filters[name]]));
  }

  async list(query: QueryParams, page: Pagination): Promise<TestResultsPage> {
    const filtered = applyFilters(this.results(), this.filters, query);
    // Two connections: the count and the page do not wait for each other.
    const [count, results] = await Promise.all([
      this.count(query, filtered),
      this.page(filtered.clone().limit(page.limit).offset(page.offset)),
    ]);
    return { count, results };
  }

  /**
   * NetBox's exact `count`. Where every filter in the query is one the maintained per-report counts
   * can answer (report, test, severity, `passed`: the same filter code, run on `test_result_counts`
   * aliased `r`), it sums those rows; otherwise it counts the matching results.
   */
  private async count(query: QueryParams, filtered: SelectQueryBuilder<ObjectLiteral>): Promise<number> {
    if (!this.isCountedAhead(query)) return countRows(filtered);
    const counts = applyFilters(
      selectFrom(this.dataSource.manager, this.tables, 'resultCounts', 'r'),
      this.countedFilters,
      query,
    );
    const row = await counts.select('coalesce(sum(r.results), 0)', 'count').getRawOne<{ count: string }>();
    return Number(row?.count ?? 0);
  }

  private isCountedAhead(query: QueryParams): boolean {
    return Object.keys(query).every((parameter) => {
      const name = Object.hasOwn(this.filters, parameter)
        ? parameter
        : parameter.slice(0, Math.max(0, parameter.lastIndexOf('__')));
      return !Object.hasOwn(this.filters, name) || Object.hasOwn(this.countedFilters, name);
    });
  }

  async get(id: number): Promise<TestResultView> {
    const [result] = await this.page(this.results().andWhere('r.id = :id', { id }));
    if (!result) throw new NotFoundError();
    return result;
  }

  /** The results shown: every one but those of a deleted report whose purge is still running. */
  private results(): SelectQueryBuilder<ObjectLiteral> {
    return selectFrom(this.dataSource.manager, this.tables, 'results', 'r').where(
      visibleReport(this.tables, 'r.report_id'),
    );
  }

  private async page(selection: SelectQueryBuilder<ObjectLiteral>): Promise<TestResultView[]> {
    const [pageSql, parameters] = selection
      .select('r.id, r.report_id, r.test_id, r.device_id, r.dynamic_pair_id, r.passed, r.explanation')
      .orderBy('r.id', 'DESC')
      .getQueryAndParameters();
    const rows: TestResultRow[] = await this.dataSource.query(
      `SELECT page.id, page.report_id, page.passed, page.explanation,
         t.id AS test_id, t.name AS test_name, t.severity AS test_severity,
         d.id AS device_id, d.name AS device_name, p.id AS pair_id, p.name AS pair_name,
         ${epochMicrosOf('c.created')} AS created_us, ${epochMicrosOf('c.last_updated')} AS last_updated_us
       FROM (${pageSql}) page
       JOIN ${this.tables.tests} t ON t.id = page.test_id
       JOIN ${this.tables.devices} d ON d.id = page.device_id
       LEFT JOIN ${this.tables.devices} p ON p.id = page.dynamic_pair_id
       JOIN ${this.tables.reports} c ON c.id = page.report_id
       ORDER BY page.id DESC`,
      parameters,
    );
    return rows.map(testResultFromRow);
  }
}

function testResultFromRow(row: TestResultRow): TestResultView {
  return {
    id: Number(row.id),
    reportId: row.report_id,
    test: { id: row.test_id, name: row.test_name, severity: row.test_severity },
    device: { id: row.device_id, name: row.device_name },
    dynamicPair: row.pair_id === null ? null : { id: row.pair_id, name: row.pair_name ?? '' },
    passed: row.passed,
    explanation: row.explanation,
    created: preciseTimeOf(row.created_us),
    lastUpdated: preciseTimeOf(row.last_updated_us),
  };
}
