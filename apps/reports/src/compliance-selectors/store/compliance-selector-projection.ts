import { EnvelopeProjection } from '../../event-sourcing/envelope-projection';
import type { ReportsTables } from '../../storage/reports-tables';
import type { ComplianceSelector } from '../domain/compliance-selector';
import { COMPLIANCE_SELECTOR_STATE_EVENTS } from '../domain/compliance-selector.decider';
import { complianceSelectorOfData } from '../domain/compliance-selector.representation';
import { deleteComplianceSelector, putComplianceSelector } from './compliance-selector-table';

/**
 * The selectors, rebuilt from the selectors' events; a delete removes a selector with its links to tests
 * (the join table cascades, as it did when it happened: tests get no event for that).
 */
export function complianceSelectorProjection(tables: ReportsTables): EnvelopeProjection<ComplianceSelector> {
  return new EnvelopeProjection({
    name: 'compliance selectors',
    tables: [tables.selectors],
    ...COMPLIANCE_SELECTOR_STATE_EVENTS,
    ofData: complianceSelectorOfData,
    put: (manager, selector) => putComplianceSelector(manager, tables, selector),
    remove: (manager, id) => deleteComplianceSelector(manager, tables, id),
  });
}
