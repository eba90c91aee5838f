import { All, Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  ApiNetBoxOperation,
  BRIEF_QUERY,
  isBrief,
  MethodNotAllowedError,
  paginate,
  paginatedList,
  parsePagination,
  requestUrl,
  type QueryParams,
} from '@validity/platform/netbox-api';
import { objectIdOf } from '../http/object-id';
import { requestOrigin } from '../http/request-origin';
import type { TestResultView } from './test-result';
import { briefTestResultData, testResultData } from './test-result.representation';
import { TestResultsQuery } from './test-results.query';
import { TEST_RESULT_LIST_QUERY, TEST_RESULT_OR_BRIEF } from './test-result.openapi';

/** `/api/plugins/validity/test-results/`: read-only, as in Validity (runs write results with reports). */
@Controller('api/plugins/validity/test-results')
export class TestResultsController {
  constructor(@Inject(TestResultsQuery) private readonly results: TestResultsQuery) {}

  @Get()
  @ApiNetBoxOperation({
    summary: 'List compliance test results',
    query: TEST_RESULT_LIST_QUERY,
    success: { status: 200, schema: paginatedList(TEST_RESULT_OR_BRIEF) },
    errors: [400, 403],
  })
  async list(@Req() request: Request, @Query() query: QueryParams) {
    const page = parsePagination(query);
    const { count, results } = await this.results.list(query, page);
    return paginate(requestUrl(request), count, results.map(representation(request, query)), page);
  }

  @All()
  @ApiExcludeEndpoint()
  listMethodNotAllowed(@Req() request: Request): never {
    throw new MethodNotAllowedError(request.method);
  }

  @Get(':id')
  @ApiNetBoxOperation({
    summary: 'Get a compliance test result',
    query: [BRIEF_QUERY],
    success: { status: 200, schema: TEST_RESULT_OR_BRIEF },
    errors: [403, 404],
  })
  async get(@Req() request: Request, @Param('id') id: string, @Query() query: QueryParams) {
    const result = await this.results.get(objectIdOf(id, Number.MAX_SAFE_INTEGER));
    return representation(request, query)(result);
  }

  @All(':id')
  @ApiExcludeEndpoint()
  detailMethodNotAllowed(@Req() request: Request): never {
    throw new MethodNotAllowedError(request.method);
  }
}

function representation(request: Request, query: QueryParams): (result: TestResultView) => object {
  const base = requestOrigin(request);
  return isBrief(query)
    ? (result) => briefTestResultData(result, base)
    : (result) => testResultData(result, base);
}
