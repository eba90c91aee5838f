import { Inject } from '@nestjs/common';
import {
  NetBoxController,
  NetBoxResourceController,
  type ResourceReads,
  type ResourceView,
} from '@validity/platform/netbox-api';
import type { TestResultView } from '../domain/test-result';
import { briefTestResultData, testResultData } from '../domain/test-result.representation';
import { TestResultsQuery } from '../store/test-results.query';
import { TEST_RESULTS } from './test-results.resource';

/**
 * `/api/plugins/validity/test-results/`: read-only, as in Validity (runs write results with reports).
 * Results have `bigint` ids, read up to the largest integer JavaScript holds exactly.
 */
@NetBoxController()
export class TestResultsController
  extends NetBoxResourceController(TEST_RESULTS)
  implements ResourceReads<TestResultView>
{
  constructor(@Inject(TestResultsQuery) readonly rows: TestResultsQuery) {
    super();
  }

  represent(result: TestResultView, { brief, base }: ResourceView) {
    return (brief ? briefTestResultData : testResultData)(result, base);
  }
}
