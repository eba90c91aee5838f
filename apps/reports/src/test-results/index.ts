/**
 * What other features may use of test results. This feature owns the results' tables: a compliance run
 * writes its results and marks them latest, and deleting reports deletes theirs, through these.
 */
export {
  deleteResultsOfReports,
  insertTestResults,
  markLatestResults,
  type StoredTestResult,
} from './store/test-result-store';
