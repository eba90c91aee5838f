import {
  All,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Options,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ApiNetBoxOperation,
  BRIEF_QUERY,
  created,
  isBrief,
  MethodNotAllowedError,
  optionsMetadata,
  paginate,
  paginatedList,
  parsePagination,
  requestUrl,
  schemaRef,
  validateInput,
  type QueryParams,
} from '@validity/platform/netbox-api';
import { changeContextOf } from '../event-sourcing/change-context';
import { objectIdOf } from '../http/object-id';
import { requestOrigin } from '../http/request-origin';
import type { ComplianceSelector } from './compliance-selector';
import {
  DEVICE_STATUS_CHOICES,
  DYNAMIC_PAIRS_CHOICES,
  FILTER_OPERATION_CHOICES,
} from './compliance-selector-choices';
import { ComplianceSelectorInput, REQUIRED_SELECTOR_FIELDS } from './compliance-selector.input';
import {
  COMPLIANCE_SELECTOR,
  COMPLIANCE_SELECTOR_LIST_QUERY,
  COMPLIANCE_SELECTOR_OR_BRIEF,
} from './compliance-selector.openapi';
import { briefComplianceSelectorData, complianceSelectorData } from './compliance-selector.representation';
import { ComplianceSelectorsQuery } from './compliance-selectors.query';
import { DeleteComplianceSelector } from './delete-compliance-selector';
import { SaveComplianceSelector, type NewComplianceSelector } from './save-compliance-selector';

const DCIM_FILTER = { type: 'field', label: '' } as const;

/** `/api/plugins/validity/selectors/`: Validity 2.3's compliance selector CRUD (single objects). */
@Controller('api/plugins/validity/selectors')
export class ComplianceSelectorsController {
  constructor(
    @Inject(ComplianceSelectorsQuery) private readonly selectors: ComplianceSelectorsQuery,
    @Inject(SaveComplianceSelector) private readonly saveSelector: SaveComplianceSelector,
    @Inject(DeleteComplianceSelector) private readonly deleteSelector: DeleteComplianceSelector,
  ) {}

  @Get()
  @ApiNetBoxOperation({
    summary: 'List compliance selectors',
    query: COMPLIANCE_SELECTOR_LIST_QUERY,
    success: { status: 200, schema: paginatedList(COMPLIANCE_SELECTOR_OR_BRIEF) },
    errors: [400, 403],
  })
  async list(@Req() request: Request, @Query() query: QueryParams) {
    const page = parsePagination(query);
    const { count, results } = await this.selectors.list(query, page);
    return paginate(requestUrl(request), count, results.map(representation(request, query)), page);
  }

  @Post()
  @ApiNetBoxOperation({
    summary: 'Create a compliance selector',
    body: schemaRef('WritableComplianceSelector'),
    success: {
      status: 201,
      schema: COMPLIANCE_SELECTOR,
      links: [
        'ComplianceSelectorsController_get',
        'ComplianceSelectorsController_replace',
        'ComplianceSelectorsController_modify',
        'ComplianceSelectorsController_remove',
      ],
    },
    errors: [400, 403, 409, 413, 415],
  })
  async create(
    @Req() request: Request,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const input = validateInput(ComplianceSelectorInput, body, { required: REQUIRED_SELECTOR_FIELDS });
    const selector = await this.saveSelector.create(input as NewComplianceSelector, changeContextOf(request));
    const data = complianceSelectorData(selector, requestOrigin(request));
    return created(response, data.url as string, data);
  }

  @Options()
  @ApiNetBoxOperation({
    summary: 'Field metadata and choices (DRF metadata)',
    success: { status: 200, schema: schemaRef('NetBoxOptions') },
    errors: [403],
  })
  options() {
    // DRF's SimpleMetadata over Validity 2.3's ComplianceSelectorSerializer: labels are the model
    // fields' verbose names; related fields without a label of their own show `type: field`.
    return optionsMetadata({
      name: 'Compliance Selector List',
      fields: {
        id: { type: 'integer', read_only: true, label: 'ID' },
        url: { type: 'field', read_only: true, label: 'Url' },
        display: { type: 'field', read_only: true, label: 'Display' },
        name: { type: 'string', required: true, label: 'Selector Name', max_length: 255 },
        filter_operation: {
          type: 'choice',
          label: 'Multi-filter operation',
          choices: FILTER_OPERATION_CHOICES,
        },
        name_filter: { type: 'string', label: 'Device Name Filter', max_length: 255 },
        tag_filter: { ...DCIM_FILTER, label: 'Tag Filter' },
        manufacturer_filter: { ...DCIM_FILTER, label: 'Manufacturer Filter' },
        type_filter: { ...DCIM_FILTER, label: 'Device Type Filter' },
        platform_filter: { ...DCIM_FILTER, label: 'Platform Filter' },
        status_filter: { type: 'choice', label: 'Status filter', choices: DEVICE_STATUS_CHOICES },
        location_filter: { ...DCIM_FILTER, label: 'Location Filter' },
        site_filter: { ...DCIM_FILTER, label: 'Site Filter' },
        tenant_filter: { ...DCIM_FILTER, label: 'Tenant Filter' },
        dynamic_pairs: { type: 'choice', label: 'Dynamic Pairs', choices: DYNAMIC_PAIRS_CHOICES },
        dp_tag_prefix: { type: 'string', label: 'Dynamic Pair Tag Prefix', max_length: 255 },
        tags: { type: 'field', label: 'Tags' },
        custom_fields: { type: 'field', label: 'Custom fields' },
        created: { type: 'datetime', read_only: true, label: 'Created' },
        last_updated: { type: 'datetime', read_only: true, label: 'Last updated' },
      },
    });
  }

  /** Bulk writes on the list are not offered: PUT/PATCH/DELETE with a list body. */
  @All()
  @ApiExcludeEndpoint()
  listMethodNotAllowed(@Req() request: Request): never {
    throw new MethodNotAllowedError(request.method);
  }

  @Get(':id')
  @ApiNetBoxOperation({
    summary: 'Get a compliance selector',
    query: [BRIEF_QUERY],
    success: { status: 200, schema: COMPLIANCE_SELECTOR_OR_BRIEF },
    errors: [403, 404],
  })
  async get(@Req() request: Request, @Param('id') id: string, @Query() query: QueryParams) {
    return representation(request, query)(await this.selectors.get(objectIdOf(id)));
  }

  @Put(':id')
  @ApiNetBoxOperation({
    summary: 'Replace a compliance selector',
    body: schemaRef('WritableComplianceSelector'),
    success: { status: 200, schema: COMPLIANCE_SELECTOR },
    errors: [400, 403, 404, 409, 413, 415],
  })
  async replace(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    const input = validateInput(ComplianceSelectorInput, body, { required: REQUIRED_SELECTOR_FIELDS });
    const selector = await this.saveSelector.update(objectIdOf(id), input, changeContextOf(request));
    return complianceSelectorData(selector, requestOrigin(request));
  }

  @Patch(':id')
  @ApiNetBoxOperation({
    summary: 'Change fields of a compliance selector',
    body: schemaRef('PatchedWritableComplianceSelector'),
    success: { status: 200, schema: COMPLIANCE_SELECTOR },
    errors: [400, 403, 404, 409, 413, 415],
  })
  async modify(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    const input = validateInput(ComplianceSelectorInput, body, { partial: true });
    const selector = await this.saveSelector.update(objectIdOf(id), input, changeContextOf(request));
    return complianceSelectorData(selector, requestOrigin(request));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNetBoxOperation({
    summary: 'Delete a compliance selector',
    success: { status: 204, schema: null },
    errors: [403, 404, 409],
  })
  async remove(@Req() request: Request, @Param('id') id: string): Promise<void> {
    await this.deleteSelector.execute(objectIdOf(id), changeContextOf(request));
  }

  @All(':id')
  @ApiExcludeEndpoint()
  detailMethodNotAllowed(@Req() request: Request): never {
    throw new MethodNotAllowedError(request.method);
  }
}

function representation(request: Request, query: QueryParams): (selector: ComplianceSelector) => object {
  const base = requestOrigin(request);
  return isBrief(query)
    ? (selector) => briefComplianceSelectorData(selector, base)
    : (selector) => complianceSelectorData(selector, base);
}
