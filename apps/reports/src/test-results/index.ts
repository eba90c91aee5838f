/**
 * What other features may use of test results. This feature owns the results' tables: a compliance run
 * writes its results and marks them latest, deleting reports deletes theirs, and the reports' projection
 * recomputes the marks and counts, through these.
 */
export {
  countResultsOfReports,
  derivedResultTables,
  insertTestResults,
  latestResultsMarking,
  markLatestResults,
  resultsOfReportsDeletion,
  type StoredTestResult,
} from './store/test-result-store';
