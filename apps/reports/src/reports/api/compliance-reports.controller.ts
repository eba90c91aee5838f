import { Body, Inject } from '@nestjs/common';
import type { ComplianceReportFields } from '@validity/contracts';
import { ChangeContext } from '@validity/platform/auth';
import {
  BaseUrl,
  CreateRoute,
  DeleteRoute,
  NetBoxController,
  NetBoxResourceController,
  ObjectId,
  schemaRef,
  type ResourceReads,
  type ResourceRows,
  type ResourceView,
} from '@validity/platform/netbox-api';
import type { ChangeContext as ReportChangeContext } from '../../event-sourcing/change-context';
import { MAX_INTEGER_ID } from '../../http/object-id';
import {
  briefComplianceReportRepresentation,
  complianceReportRepresentation,
} from '../domain/compliance-report.representation';
import { ComplianceReportsQuery } from '../store/compliance-reports.query';
import { COMPLIANCE_REPORTS } from './compliance-reports.resource';
import { CreateComplianceReport } from '../use-cases/create-compliance-report';
import { DeleteComplianceReport } from '../use-cases/delete-compliance-report';

/**
 * `/api/plugins/validity/reports/`: Validity's read-and-delete report routes, plus POST of a run's
 * results, which Validity does not have (its reports come from its own script). Reports are never
 * edited (Validity's viewset allows only GET and DELETE): other methods are the kit's 405.
 */
@NetBoxController()
export class ComplianceReportsController
  extends NetBoxResourceController(COMPLIANCE_REPORTS)
  implements ResourceReads<ComplianceReportFields>
{
  constructor(
    @Inject(ComplianceReportsQuery) private readonly reports: ComplianceReportsQuery,
    @Inject(CreateComplianceReport) private readonly createReport: CreateComplianceReport,
    @Inject(DeleteComplianceReport) private readonly deleteReport: DeleteComplianceReport,
  ) {
    super();
  }

  /** The brief form has no result counts, so it does not count them. */
  readonly rows: ResourceRows<ComplianceReportFields> = {
    list: (query, page, { brief }) => this.reports.list(query, page, !brief),
    get: (id, { brief }) => this.reports.get(id, !brief),
  };

  represent(report: ComplianceReportFields, { brief, base }: ResourceView) {
    return (brief ? briefComplianceReportRepresentation : complianceReportRepresentation)(report, base);
  }

  /**
   * The body is parsed in memory under the service's JSON limit (32 MiB, `DEFAULT_BODY_LIMIT_BYTES`):
   * a 100,000-result run of the benchmark's shape is 10.3 MiB, so about 300,000 results fit; a larger
   * body is refused with 413 naming the limit.
   */
  @CreateRoute(
    COMPLIANCE_REPORTS,
    {
      summary: "Store one compliance run's results as a report (not in Validity)",
      body: schemaRef('ComplianceRun'),
    },
    ['get', 'remove'],
  )
  async create(@Body() body: unknown, @ChangeContext() change: ReportChangeContext, @BaseUrl() base: string) {
    return complianceReportRepresentation(await this.createReport.execute(body, change), base);
  }

  @DeleteRoute(COMPLIANCE_REPORTS, { summary: 'Delete a compliance report and its results' })
  async remove(@ObjectId(MAX_INTEGER_ID) id: number, @ChangeContext() change: ReportChangeContext) {
    await this.deleteReport.execute(id, change);
  }
}
