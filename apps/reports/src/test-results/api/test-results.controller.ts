import { Controller, Inject, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  BaseUrl,
  Brief,
  GetRoute,
  listPage,
  ListRoute,
  NetBoxResourceController,
  ObjectId,
  type QueryParams,
} from '@validity/platform/netbox-api';
import { briefTestResultData, testResultData } from '../domain/test-result.representation';
import { TestResultsQuery } from '../store/test-results.query';
import { TEST_RESULTS } from './test-results.resource';

/** `/api/plugins/validity/test-results/`: read-only, as in Validity (runs write results with reports). */
@Controller('api/plugins/validity/test-results')
export class TestResultsController extends NetBoxResourceController(TEST_RESULTS) {
  constructor(@Inject(TestResultsQuery) private readonly results: TestResultsQuery) {
    super();
  }

  @ListRoute(TEST_RESULTS)
  list(
    @Req() request: Request,
    @Query() query: QueryParams,
    @Brief() brief: boolean,
    @BaseUrl() base: string,
  ) {
    const represent = brief ? briefTestResultData : testResultData;
    return listPage(
      request,
      query,
      (page) => this.results.list(query, page),
      (result) => represent(result, base),
    );
  }

  /** Results have `bigint` ids, read up to the largest integer JavaScript holds exactly. */
  @GetRoute(TEST_RESULTS)
  async get(@ObjectId() id: number, @Brief() brief: boolean, @BaseUrl() base: string) {
    const result = await this.results.get(id);
    return brief ? briefTestResultData(result, base) : testResultData(result, base);
  }
}
