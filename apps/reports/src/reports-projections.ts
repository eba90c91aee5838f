import type { Projection } from '@validity/platform/event-store';
import { complianceSelectorProjection } from './compliance-selectors/store/compliance-selector-projection';
import { complianceTestProjection } from './compliance-tests/store/compliance-test-projection';
import { complianceReportProjection } from './reports/store/compliance-report-projection';
import { reportsTables } from './storage/reports-tables';

/** Every read model of the reports service that `npm run projections:rebuild` rebuilds from its event store. */
export function reportsProjections(schema: string): Projection[] {
  const tables = reportsTables(schema);
  return [
    complianceSelectorProjection(tables),
    complianceTestProjection(tables),
    complianceReportProjection(tables),
  ];
}
