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
  Patch,
  Post,
  Put,
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
import type { ComplianceTest } from './compliance-test';
import { DataSource } from 'typeorm';
import { REPORTS_TABLES, type ReportsTables } from '../storage/reports-tables';
import { REQUIRED_TEST_FIELDS } from './compliance-test.input';
import { validateTestInput } from './test-selectors';
import { briefComplianceTestData, complianceTestData } from './compliance-test.representation';
import { ComplianceTestsQuery } from './compliance-tests.query';
import { CreateComplianceTest, type NewComplianceTest } from './create-compliance-test';
import { DeleteComplianceTest } from './delete-compliance-test';
import { SEVERITY_CHOICES } from './severity';
import { UpdateComplianceTest } from './update-compliance-test';
import {
  COMPLIANCE_TEST,
  COMPLIANCE_TEST_LIST_QUERY,
  COMPLIANCE_TEST_OR_BRIEF,
} from './compliance-test.openapi';

/** `/api/plugins/validity/tests/`: Validity's compliance test CRUD (single objects). */
@Controller('api/plugins/validity/tests')
export class ComplianceTestsController {
  constructor(
    @Inject(ComplianceTestsQuery) private readonly tests: ComplianceTestsQuery,
    @Inject(CreateComplianceTest) private readonly createTest: CreateComplianceTest,
    @Inject(UpdateComplianceTest) private readonly updateTest: UpdateComplianceTest,
    @Inject(DeleteComplianceTest) private readonly deleteTest: DeleteComplianceTest,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  @Get()
  @ApiNetBoxOperation({
    summary: 'List compliance tests',
    query: COMPLIANCE_TEST_LIST_QUERY,
    success: { status: 200, schema: paginatedList(COMPLIANCE_TEST_OR_BRIEF) },
    errors: [400, 403],
  })
  async list(@Req() request: Request, @Query() query: QueryParams) {
    const page = parsePagination(query);
    const { count, results } = await this.tests.list(query, page);
    return paginate(requestUrl(request), count, results.map(representation(request, query)), page);
  }

  @Post()
  @ApiNetBoxOperation({
    summary: 'Create a compliance test',
    body: schemaRef('WritableComplianceTest'),
    success: {
      status: 201,
      schema: COMPLIANCE_TEST,
      links: [
        'ComplianceTestsController_get',
        'ComplianceTestsController_replace',
        'ComplianceTestsController_modify',
        'ComplianceTestsController_remove',
      ],
    },
    errors: [400, 403, 409, 413, 415],
  })
  async create(
    @Req() request: Request,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { input, selectorIds } = await validateTestInput(this.dataSource.manager, this.tables, body, {
      required: REQUIRED_TEST_FIELDS,
    });
    const test = await this.createTest.execute(
      input as NewComplianceTest,
      selectorIds ?? [],
      changeContextOf(request),
    );
    const data = complianceTestData(test, requestOrigin(request));
    return created(response, data.url as string, data);
  }

  @Options()
  @ApiNetBoxOperation({
    summary: 'Field metadata and choices (DRF metadata)',
    success: { status: 200, schema: schemaRef('NetBoxOptions') },
    errors: [403],
  })
  options() {
    return optionsMetadata({
      name: 'Compliance Test List',
      fields: {
        id: { type: 'integer', read_only: true, label: 'ID' },
        url: { type: 'field', read_only: true, label: 'Url' },
        display: { type: 'field', read_only: true, label: 'Display' },
        name: { type: 'string', required: true, label: 'Name', max_length: 255 },
        severity: { type: 'choice', label: 'Severity', choices: SEVERITY_CHOICES },
        description: { type: 'string', required: true, label: 'Description' },
        effective_expression: { type: 'field', read_only: true, label: 'Effective expression' },
        expression: { type: 'string', label: 'Expression' },
        data_source: { type: 'nested object', label: 'Data source', help_text: 'Remote data source' },
        data_file: { type: 'nested object', label: 'Data file' },
        selectors: { type: 'field', label: 'Selectors' },
        tags: { type: 'field', label: 'Tags' },
        custom_fields: { type: 'field', label: 'Custom fields' },
        created: { type: 'datetime', read_only: true, label: 'Created' },
        last_updated: { type: 'datetime', read_only: true, label: 'Last updated' },
      },
    });
  }

  /** Bulk writes on the list are not offered: PUT/PATCH/DELETE with a list body. */
  @All()
  @ApiExcludeEndpoint()
  listMethodNotAllowed(@Req() request: Request): never {
    throw new MethodNotAllowedError(request.method);
  }

  @Get(':id')
  @ApiNetBoxOperation({
    summary: 'Get a compliance test',
    query: [BRIEF_QUERY],
    success: { status: 200, schema: COMPLIANCE_TEST_OR_BRIEF },
    errors: [403, 404],
  })
  async get(@Req() request: Request, @Param('id') id: string, @Query() query: QueryParams) {
    return representation(request, query)(await this.tests.get(objectIdOf(id)));
  }

  @Put(':id')
  @ApiNetBoxOperation({
    summary: 'Replace a compliance test',
    body: schemaRef('WritableComplianceTest'),
    success: { status: 200, schema: COMPLIANCE_TEST },
    errors: [400, 403, 404, 409, 413, 415],
  })
  async replace(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    const testId = objectIdOf(id);
    const { input, selectorIds } = await validateTestInput(this.dataSource.manager, this.tables, body, {
      required: REQUIRED_TEST_FIELDS,
    });
    const test = await this.updateTest.execute(testId, input, selectorIds, changeContextOf(request));
    return complianceTestData(test, requestOrigin(request));
  }

  @Patch(':id')
  @ApiNetBoxOperation({
    summary: 'Change fields of a compliance test',
    body: schemaRef('PatchedWritableComplianceTest'),
    success: { status: 200, schema: COMPLIANCE_TEST },
    errors: [400, 403, 404, 409, 413, 415],
  })
  async modify(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    const testId = objectIdOf(id);
    const { input, selectorIds } = await validateTestInput(this.dataSource.manager, this.tables, body, {
      partial: true,
    });
    const test = await this.updateTest.execute(testId, input, selectorIds, changeContextOf(request));
    return complianceTestData(test, requestOrigin(request));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNetBoxOperation({
    summary: 'Delete a compliance test',
    success: { status: 204, schema: null },
    errors: [403, 404, 409],
  })
  async remove(@Req() request: Request, @Param('id') id: string): Promise<void> {
    await this.deleteTest.execute(objectIdOf(id), changeContextOf(request));
  }

  @All(':id')
  @ApiExcludeEndpoint()
  detailMethodNotAllowed(@Req() request: Request): never {
    throw new MethodNotAllowedError(request.method);
  }
}

function representation(request: Request, query: QueryParams): (test: ComplianceTest) => object {
  const base = requestOrigin(request);
  return isBrief(query)
    ? (test) => briefComplianceTestData(test, base)
    : (test) => complianceTestData(test, base);
}
