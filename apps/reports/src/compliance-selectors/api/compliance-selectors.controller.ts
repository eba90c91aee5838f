import { Inject } from '@nestjs/common';
import {
  NetBoxController,
  NetBoxResourceController,
  validateInput,
  type ResourceReads,
  type ResourceView,
  type ResourceWriter,
  type ResourceWrites,
} from '@validity/platform/netbox-api';
import { ComplianceSelectorInput, REQUIRED_SELECTOR_FIELDS } from '../input/compliance-selector.input';
import type { ComplianceSelector } from '../domain/compliance-selector';
import {
  briefComplianceSelectorData,
  complianceSelectorData,
} from '../domain/compliance-selector.representation';
import { ComplianceSelectorsQuery } from '../store/compliance-selectors.query';
import { COMPLIANCE_SELECTORS } from './compliance-selectors.resource';
import { DeleteComplianceSelector } from '../use-cases/delete-compliance-selector';
import { SaveComplianceSelector, type NewComplianceSelector } from '../use-cases/save-compliance-selector';

/** `/api/plugins/validity/selectors/`: Validity 2.3's compliance selector CRUD (single objects). */
@NetBoxController()
export class ComplianceSelectorsController
  extends NetBoxResourceController(COMPLIANCE_SELECTORS)
  implements ResourceReads<ComplianceSelector>, ResourceWriter<ComplianceSelector>
{
  constructor(
    @Inject(ComplianceSelectorsQuery) readonly rows: ComplianceSelectorsQuery,
    @Inject(SaveComplianceSelector) private readonly saveSelector: SaveComplianceSelector,
    @Inject(DeleteComplianceSelector) private readonly deleteSelector: DeleteComplianceSelector,
  ) {
    super();
  }

  represent(selector: ComplianceSelector, { brief, base }: ResourceView) {
    return (brief ? briefComplianceSelectorData : complianceSelectorData)(selector, base);
  }

  readonly writes: ResourceWrites<ComplianceSelector> = {
    create: (body, { change }) =>
      this.saveSelector.create(readSelector(body, false) as NewComplianceSelector, change),
    update: (id, body, partial, { change }) =>
      this.saveSelector.update(id, readSelector(body, partial), change),
    remove: (id, { change }) => this.deleteSelector.execute(id, change),
  };
}

function readSelector(body: unknown, partial: boolean): ComplianceSelectorInput {
  const fields = partial ? { partial: true } : { required: REQUIRED_SELECTOR_FIELDS };
  return validateInput(ComplianceSelectorInput, body, fields);
}
