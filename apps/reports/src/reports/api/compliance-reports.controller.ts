import { Inject } from '@nestjs/common';
import type { ComplianceReportFields } from '@validity/contracts';
import {
  NetBoxController,
  NetBoxResourceController,
  type ResourceReads,
  type ResourceRows,
  type ResourceView,
  type ResourceWriter,
  type ResourceWrites,
} from '@validity/platform/netbox-api';
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
  implements ResourceReads<ComplianceReportFields>, ResourceWriter<ComplianceReportFields>
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

  readonly writes: ResourceWrites<ComplianceReportFields> = {
    create: (body, { change }) => this.createReport.execute(body, change),
    remove: (id, { change }) => this.deleteReport.execute(id, change),
  };
}
