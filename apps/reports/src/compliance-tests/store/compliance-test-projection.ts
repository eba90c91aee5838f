import { EnvelopeProjection } from '../../event-sourcing/envelope-projection';
import type { ReportsTables } from '../../storage/reports-tables';
import type { ComplianceTest } from '../domain/compliance-test';
import { COMPLIANCE_TEST_STATE_EVENTS } from '../domain/compliance-test.decider';
import { complianceTestOfData } from '../domain/compliance-test.representation';
import { deleteComplianceTest, putComplianceTest } from './compliance-test-table';
import { replaceTestSelectors } from './test-selectors';

/**
 * The tests and their selector links, rebuilt from the tests' events. A selector deleted later takes its
 * links with it when its own event is replayed (the join table cascades), as it did when it happened. A
 * deleted test's results went with it then; results are not replayed (they are their own record).
 */
export function complianceTestProjection(tables: ReportsTables): EnvelopeProjection<ComplianceTest> {
  return new EnvelopeProjection({
    name: 'compliance tests',
    tables: [tables.tests, tables.testSelectors],
    ...COMPLIANCE_TEST_STATE_EVENTS,
    ofData: complianceTestOfData,
    put: async (manager, test) => {
      await putComplianceTest(manager, tables, test);
      const selectorIds = test.selectors.map((selector) => selector.id);
      await replaceTestSelectors(manager, tables, test.id, selectorIds);
    },
    remove: (manager, id) => deleteComplianceTest(manager, tables, id),
  });
}
