import type { ComplianceReportFields } from '@validity/contracts';
import { EnvelopeProjection } from '../../event-sourcing/envelope-projection';
import type { ReportsTables } from '../../storage/reports-tables';
import { countResultsOfReports, derivedResultTables, markLatestResults } from '../../test-results';
import { COMPLIANCE_REPORT_STATE_EVENTS } from '../domain/compliance-report.decider';
import { complianceReportOfData } from '../domain/compliance-report.representation';
import { insertComplianceReports } from './compliance-report-table';
import { removeReports } from './remove-reports';

/**
 * The reports, rebuilt from their events, with what is derived from their results. A report's row is its
 * `ComplianceReportCreated` data; its delete (by a client or by retention) removes it again, so a pruned
 * report stays pruned. The live writes go through the same statements (`insertComplianceReports`,
 * `markLatestResults`, `removeReports`), a batch of decided reports at a time.
 *
 * The results themselves are not replayed: `test_results` (with the `devices` it names) is the results'
 * own record, written once by the run's transaction beside its event and deleted only with its report
 * or test, each of which has its event, so a run of 100,000 results costs the event store nothing (see
 * the README). What a rebuild recomputes from it is Validity's `latest` mark and the counts, report by
 * report as the runs marked them: a higher result id wins, so replaying in position order ends where the
 * live writes did.
 */
export function complianceReportProjection(
  tables: ReportsTables,
): EnvelopeProjection<ComplianceReportFields> {
  return new EnvelopeProjection({
    name: 'compliance reports',
    tables: [tables.reports, ...derivedResultTables(tables)],
    ...COMPLIANCE_REPORT_STATE_EVENTS,
    ofData: complianceReportOfData,
    put: async (manager, report) => {
      await insertComplianceReports(manager, tables, [report]);
      await markLatestResults(manager, tables, [report.id]);
      await countResultsOfReports(manager, tables, [report.id]);
    },
    remove: (manager, id) => removeReports(manager, tables, [id]),
  });
}
