import { Body, Controller, Inject, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ChangeContext } from '@validity/platform/auth';
import {
  BaseUrl,
  Brief,
  CreateRoute,
  created,
  DeleteRoute,
  GetRoute,
  listPage,
  ListRoute,
  ModifyRoute,
  NetBoxResourceController,
  ObjectId,
  ReplaceRoute,
  validateInput,
  type QueryParams,
} from '@validity/platform/netbox-api';
import type { ChangeContext as SelectorChangeContext } from '../../event-sourcing/change-context';
import { MAX_INTEGER_ID } from '../../http/object-id';
import { ComplianceSelectorInput, REQUIRED_SELECTOR_FIELDS } from '../input/compliance-selector.input';
import {
  briefComplianceSelectorData,
  complianceSelectorData,
} from '../domain/compliance-selector.representation';
import { ComplianceSelectorsQuery } from '../store/compliance-selectors.query';
import { COMPLIANCE_SELECTORS } from './compliance-selectors.resource';
import { DeleteComplianceSelector } from '../use-cases/delete-compliance-selector';
import { SaveComplianceSelector, type NewComplianceSelector } from '../use-cases/save-compliance-selector';

/** `/api/plugins/validity/selectors/`: Validity 2.3's compliance selector CRUD (single objects). */
@Controller('api/plugins/validity/selectors')
export class ComplianceSelectorsController extends NetBoxResourceController(COMPLIANCE_SELECTORS) {
  constructor(
    @Inject(ComplianceSelectorsQuery) private readonly selectors: ComplianceSelectorsQuery,
    @Inject(SaveComplianceSelector) private readonly saveSelector: SaveComplianceSelector,
    @Inject(DeleteComplianceSelector) private readonly deleteSelector: DeleteComplianceSelector,
  ) {
    super();
  }

  @ListRoute(COMPLIANCE_SELECTORS)
  list(
    @Req() request: Request,
    @Query() query: QueryParams,
    @Brief() brief: boolean,
    @BaseUrl() base: string,
  ) {
    const represent = brief ? briefComplianceSelectorData : complianceSelectorData;
    return listPage(
      request,
      query,
      (page) => this.selectors.list(query, page),
      (selector) => represent(selector, base),
    );
  }

  @CreateRoute(COMPLIANCE_SELECTORS)
  async create(
    @Body() body: unknown,
    @ChangeContext() change: SelectorChangeContext,
    @BaseUrl() base: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const input = validateInput(ComplianceSelectorInput, body, { required: REQUIRED_SELECTOR_FIELDS });
    const selector = await this.saveSelector.create(input as NewComplianceSelector, change);
    const data = complianceSelectorData(selector, base);
    return created(response, data.url as string, data);
  }

  @GetRoute(COMPLIANCE_SELECTORS)
  async get(@ObjectId(MAX_INTEGER_ID) id: number, @Brief() brief: boolean, @BaseUrl() base: string) {
    const selector = await this.selectors.get(id);
    return brief ? briefComplianceSelectorData(selector, base) : complianceSelectorData(selector, base);
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
