import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ComplianceReportFields } from '@validity/contracts';
import {
  applyFilters,
  dateTimeFilter,
  NotFoundError,
  numberFilter,
  type Pagination,
  type QueryParams,
} from '@validity/platform/netbox-api';
import { countRows } from '../../storage/count-rows';
import { REPORTS_TABLES, selectFrom, type ReportsTables } from '../../storage/reports-tables';
import {
  complianceReportColumns,
  complianceReportFromRow,
  type ComplianceReportRow,
} from './compliance-report.rows';
import { reportCounts } from './report-counts';

/** Validity 3.x's report filters that apply here (no jobs): `id`, `created`, plus `last_updated`. */
const REPORT_FILTERS = {
  id: numberFilter('c.id'),
  created: dateTimeFilter('c.created'),
  last_updated: dateTimeFilter('c.last_updated'),
};

export interface ReportsPage {
  count: number;
  results: ComplianceReportFields[];
}

/** Reads reports newest first; statistics are computed per query (one grouped query per page). */
@Injectable()
export class ComplianceReportsQuery {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  /** `withCounts: false` for `?brief=1`, whose fields need no statistics. */
  async list(query: QueryParams, page: Pagination, withCounts: boolean): Promise<ReportsPage> {
    const manager = this.dataSource.manager;
    const filtered = applyFilters(selectFrom(manager, this.tables, 'reports', 'c'), REPORT_FILTERS, query);
    const count = await countRows(filtered);
    const rows = await filtered
      .clone()
      .select(complianceReportColumns('c'))
      .orderBy('c.created', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(page.limit)
      .offset(page.offset)
      .getRawMany<ComplianceReportRow>();
    const reports = rows.map(complianceReportFromRow);
    return { count, results: withCounts ? await this.withCounts(reports) : reports };
  }

  async get(id: number, withCounts: boolean): Promise<ComplianceReportFields> {
    const [row]: ComplianceReportRow[] = await this.dataSource.query(
      `SELECT ${complianceReportColumns('c')} FROM ${this.tables.reports} c WHERE c.id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError();
    const report = complianceReportFromRow(row);
    return withCounts ? (await this.withCounts([report]))[0] : report;
  }

  private async withCounts(reports: ComplianceReportFields[]): Promise<ComplianceReportFields[]> {
    const counts = await reportCounts(
      this.dataSource.manager,
      this.tables,
      reports.map((report) => report.id),
    );
    return reports.map((report) => ({ ...report, counts: counts.get(report.id) }));
  }
}
