import { Module, type Provider } from '@nestjs/common';
import { ResultsOfDeletedTests } from '../compliance-tests/use-cases/results-of-deleted-tests';
import { REPORTS_TABLES, type ReportsTables } from '../storage/reports-tables';
import { TestResultsController } from './api/test-results.controller';
import { deleteResultsOfTest } from './store/test-result-store';
import { TestResultsQuery } from './store/test-results.query';
import { ResultTablesUpkeep } from './use-cases/result-tables-upkeep';

@Module({ controllers: [TestResultsController], providers: [TestResultsQuery, ResultTablesUpkeep] })
export class TestResultsModule {}

/** How a test's deletion reaches its results; provided by the app root, for the compliance-tests feature. */
export const resultsOfDeletedTestsProvider: Provider = {
  provide: ResultsOfDeletedTests,
  inject: [REPORTS_TABLES],
  useFactory: (tables: ReportsTables): ResultsOfDeletedTests => ({
    deleteResultsOfTest: (manager, testId) => deleteResultsOfTest(manager, tables, testId),
  }),
};
