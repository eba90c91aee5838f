/**
 * What other features may use of test results. This feature owns the results' tables: a compliance run
 * writes its results and marks them latest, deleting reports retires theirs (hidden at once, purged in
 * chunks after), and the reports' projection recomputes the marks and counts, through these.
 */
export {
  anyPurgingReport,
  countResultsOfReports,
  derivedResultTables,
  handOverSizesQuery,
  type HandOverSizes,
  insertTestResults,
  latestResultsMarking,
  markLatestResults,
  PURGE_START,
  purgeRetiredResults,
  type PurgeCursor,
  resultsOfReportsDeletion,
  resultsOfReportsRetirement,
  RESULTS_PER_INSERT,
  retirementOfResults,
  type StoredTestResult,
  testResultsInsert,
} from './store/test-result-store';
