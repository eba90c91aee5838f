import { Initial1764460800000 } from './1764460800000-initial';
import { ComplianceReadModels1764547200000 } from './1764547200000-compliance-read-models';
import { ComplianceSelectors1764806400000 } from './1764806400000-compliance-selectors';
import { TestResultCounts1796229127331 } from './1796229127331-test-result-counts';
import { EventStoreRelayedMark1796229391378 } from './1796229391378-event-store-relayed-mark';
import { KeepEmptyPagesOnVacuum1796356800000 } from './1796356800000-keep-empty-pages-on-vacuum';
import { PurgingReports1796443200000 } from './1796443200000-purging-reports';

/** In order of application; a new migration is appended here. */
export const MIGRATIONS = [
  Initial1764460800000,
  ComplianceReadModels1764547200000,
  ComplianceSelectors1764806400000,
  TestResultCounts1796229127331,
  EventStoreRelayedMark1796229391378,
  KeepEmptyPagesOnVacuum1796356800000,
  PurgingReports1796443200000,
];
