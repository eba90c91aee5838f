import {
  All,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Options,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ApiNetBoxOperation,
  BRIEF_QUERY,
  created,
  isBrief,
  MethodNotAllowedError,
  optionsMetadata,
  paginate,
  paginatedList,
  parsePagination,
  requestUrl,
  schemaRef,
  type QueryParams,
} from '@validity/platform/netbox-api';
import { changeContextOf } from '../event-sourcing/change-context';
import { objectIdOf } from '../http/object-id';
import { requestOrigin } from '../http/request-origin';
import {
  briefComplianceReportRepresentation,
  complianceReportRepresentation,
} from './compliance-report.representation';
import { ComplianceReportsQuery } from './compliance-reports.query';
import { CreateComplianceReport } from './create-compliance-report';
import { DeleteComplianceReport } from './delete-compliance-report';
import {
  COMPLIANCE_REPORT,
  COMPLIANCE_REPORT_LIST_QUERY,
  COMPLIANCE_REPORT_OR_BRIEF,
} from './compliance-report.openapi';

/**
 * `/api/plugins/validity/reports/`: Validity's read-and-delete report routes, plus POST of a run's
 * results, which Validity does not have (its reports come from its own script).
 */
@Controller('api/plugins/validity/reports')
export class ComplianceReportsController {
  constructor(
    @Inject(ComplianceReportsQuery) private readonly reports: ComplianceReportsQuery,
    @Inject(CreateComplianceReport) private readonly createReport: CreateComplianceReport,
    @Inject(DeleteComplianceReport) private readonly deleteReport: DeleteComplianceReport,
  ) {}

  @Get()
  @ApiNetBoxOperation({
    summary: 'List compliance reports',
    query: COMPLIANCE_REPORT_LIST_QUERY,
    success: { status: 200, schema: paginatedList(COMPLIANCE_REPORT_OR_BRIEF) },
    errors: [400, 403],
  })
  async list(@Req() request: Request, @Query() query: QueryParams) {
    const page = parsePagination(query);
    const brief = isBrief(query);
    const { count, results } = await this.reports.list(query, page, !brief);
    const represent = brief ? briefComplianceReportRepresentation : complianceReportRepresentation;
    const base = requestOrigin(request);
    return paginate(
      requestUrl(request),
      count,
      results.map((report) => represent(report, base)),
      page,
    );
  }

  /**
   * The body is parsed in memory under the service's JSON limit (32 MiB, `DEFAULT_BODY_LIMIT_BYTES`):
   * a 100,000-result run of the benchmark's shape is 10.3 MiB, so about 300,000 results fit; a larger
   * body is refused with 413 naming the limit.
   */
  @Post()
  @ApiNetBoxOperation({
    summary: "Store one compliance run's results as a report (not in Validity)",
    body: schemaRef('ComplianceRun'),
    success: {
      status: 201,
      schema: COMPLIANCE_REPORT,
      links: ['ComplianceReportsController_get', 'ComplianceReportsController_remove'],
    },
    errors: [400, 403, 409, 413, 415],
  })
  async create(
    @Req() request: Request,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.createReport.execute(body, changeContextOf(request));
    const data = complianceReportRepresentation(report, requestOrigin(request));
    return created(response, data.url as string, data);
  }

  @Options()
  @ApiNetBoxOperation({
    summary: 'Field metadata (DRF metadata)',
    success: { status: 200, schema: schemaRef('NetBoxOptions') },
    errors: [403],
  })
  options() {
    return optionsMetadata({
      name: 'Compliance Report List',
      description: 'POST stores one compliance run: its results are validated, stored and counted at once.',
      fields: {
        id: { type: 'integer', read_only: true, label: 'ID' },
        results: { type: 'list', required: true, label: 'Results' },
        custom_fields: { type: 'field', label: 'Custom fields' },
      },
    });
  }

  /** Reports are never edited (Validity's viewset allows only GET and DELETE). */
  @All()
  @ApiExcludeEndpoint()
  listMethodNotAllowed(@Req() request: Request): never {
    throw new MethodNotAllowedError(request.method);
  }

  @Get(':id')
  @ApiNetBoxOperation({
    summary: 'Get a compliance report',
    query: [BRIEF_QUERY],
    success: { status: 200, schema: COMPLIANCE_REPORT_OR_BRIEF },
    errors: [403, 404],
  })
  async get(@Req() request: Request, @Param('id') id: string, @Query() query: QueryParams) {
    const brief = isBrief(query);
    const report = await this.reports.get(objectIdOf(id), !brief);
    const base = requestOrigin(request);
    return brief
      ? briefComplianceReportRepresentation(report, base)
      : complianceReportRepresentation(report, base);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNetBoxOperation({
    summary: 'Delete a compliance report and its results',
    success: { status: 204, schema: null },
    errors: [403, 404, 409],
  })
  async remove(@Req() request: Request, @Param('id') id: string): Promise<void> {
    await this.deleteReport.execute(objectIdOf(id), changeContextOf(request));
  }

  @All(':id')
  @ApiExcludeEndpoint()
  detailMethodNotAllowed(@Req() request: Request): never {
    throw new MethodNotAllowedError(request.method);
  }
}
