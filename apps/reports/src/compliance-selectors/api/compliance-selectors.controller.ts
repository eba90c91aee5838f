import { Body, Inject } from '@nestjs/common';
import { ChangeContext } from '@validity/platform/auth';
import {
  BaseUrl,
  CreateRoute,
  DeleteRoute,
  ModifyRoute,
  NetBoxController,
  NetBoxResourceController,
  ObjectId,
  ReplaceRoute,
  validateInput,
  type ResourceReads,
  type ResourceView,
} from '@validity/platform/netbox-api';
import type { ChangeContext as SelectorChangeContext } from '../../event-sourcing/change-context';
import { MAX_INTEGER_ID } from '../../http/object-id';
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
  implements ResourceReads<ComplianceSelector>
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

  @CreateRoute(COMPLIANCE_SELECTORS)
  async create(
    @Body() body: unknown,
    @ChangeContext() change: SelectorChangeContext,
    @BaseUrl() base: string,
  ) {
    const input = validateInput(ComplianceSelectorInput, body, { required: REQUIRED_SELECTOR_FIELDS });
    const selector = await this.saveSelector.create(input as NewComplianceSelector, change);
    return complianceSelectorData(selector, base);
  }

  @ReplaceRoute(COMPLIANCE_SELECTORS)
  async replace(
    @ObjectId(MAX_INTEGER_ID) id: number,
    @Body() body: unknown,
    @ChangeContext() change: SelectorChangeContext,
    @BaseUrl() base: string,
  ) {
    const input = validateInput(ComplianceSelectorInput, body, { required: REQUIRED_SELECTOR_FIELDS });
    return complianceSelectorData(await this.saveSelector.update(id, input, change), base);
  }

  @ModifyRoute(COMPLIANCE_SELECTORS)
  async modify(
    @ObjectId(MAX_INTEGER_ID) id: number,
    @Body() body: unknown,
    @ChangeContext() change: SelectorChangeContext,
    @BaseUrl() base: string,
  ) {
    const input = validateInput(ComplianceSelectorInput, body, { partial: true });
    return complianceSelectorData(await this.saveSelector.update(id, input, change), base);
  }

  @DeleteRoute(COMPLIANCE_SELECTORS)
  async remove(@ObjectId(MAX_INTEGER_ID) id: number, @ChangeContext() change: SelectorChangeContext) {
    await this.deleteSelector.execute(id, change);
  }
}
