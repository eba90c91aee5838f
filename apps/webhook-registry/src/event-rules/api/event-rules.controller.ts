import {
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
import type { Request, Response } from 'express';
import { authenticatedToken } from '@validity/platform/auth';
import {
  absoluteUrl,
  ApiNetBoxOperation,
  BRIEF_QUERY,
  created,
  isBrief,
  listOf,
  MethodNotAllowedError,
  paginate,
  paginatedList,
  parsePagination,
  pathIdOf,
  requestIdOf,
  requestUrl,
  schemaRef,
  type QueryParams,
} from '@validity/platform/netbox-api';
import { readBulkTargets } from '../../webhooks/input/bulk-operation.input';
import type { ChangeContext } from '../../webhooks/domain/webhook-change';
import { briefEventRuleRepresentation, eventRuleRepresentation } from '../domain/event-rule';
import { CreateEventRule } from '../use-cases/create-event-rule';
import { DeleteEventRule } from '../use-cases/delete-event-rule';
import { GetEventRule } from '../use-cases/get-event-rule';
import { ListEventRules } from '../use-cases/list-event-rules';
import { UpdateEventRule } from '../use-cases/update-event-rule';
import { EVENT_RULE, EVENT_RULE_LIST_QUERY, EVENT_RULE_OR_BRIEF } from './event-rule.openapi';
import { eventRuleDetailOptions, eventRuleListOptions } from './event-rule-options';

/**
 * `/api/extras/event-rules/` as NetBox 4.6 serves it, over the webhooks' triggers (one rule per webhook,
 * the rule's id is its webhook's). Served whatever `NETBOX_API_VERSION` says: in 3.6 mode it is an
 * extension beside the 3.6 webhook API. PUT/PATCH/DELETE on the list route are NetBox's bulk operations
 * (a list of items with their `id`, all or nothing).
 */
@Controller('api/extras/event-rules')
export class EventRulesController {
  constructor(
    @Inject(ListEventRules) private readonly listRules: ListEventRules,
    @Inject(GetEventRule) private readonly getRule: GetEventRule,
    @Inject(CreateEventRule) private readonly createRule: CreateEventRule,
    @Inject(UpdateEventRule) private readonly updateRule: UpdateEventRule,
    @Inject(DeleteEventRule) private readonly deleteRule: DeleteEventRule,
  ) {}

  @Get()
  @ApiNetBoxOperation({
    summary: 'List event rules',
    query: EVENT_RULE_LIST_QUERY,
    success: { status: 200, schema: paginatedList(EVENT_RULE_OR_BRIEF) },
    errors: [400, 403],
  })
  async list(@Req() request: Request, @Query() query: QueryParams) {
    const page = parsePagination(query);
    const { rules, count } = await this.listRules.execute(query, page);
    const represent = isBrief(query) ? briefEventRuleRepresentation : eventRuleRepresentation;
    return paginate(
      requestUrl(request),
      count,
      rules.map((webhook) => represent(webhook, urlsOf(request))),
      page,
    );
  }

  @Post()
  @ApiNetBoxOperation({
    summary: 'Create an event rule for a webhook',
    body: schemaRef('WritableEventRule'),
    success: {
      status: 201,
      schema: EVENT_RULE,
      links: [
        'EventRulesController_get',
        'EventRulesController_replace',
        'EventRulesController_modify',
        'EventRulesController_remove',
      ],
    },
    errors: [400, 403, 409, 413, 415],
  })
  async create(
    @Req() request: Request,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const webhook = await this.createRule.execute(bodyOrEmpty(body), changeContext(request));
    const representation = eventRuleRepresentation(webhook, urlsOf(request));
    return created(response, representation.url as string, representation);
  }

  @Put()
  @ApiNetBoxOperation({
    summary: 'Replace several event rules (bulk, each item with its id; all or none)',
    body: listOf(schemaRef('BulkWritableEventRule')),
    success: { status: 200, schema: listOf(EVENT_RULE) },
    errors: [400, 403, 409, 413, 415],
  })
  replaceMany(@Req() request: Request, @Body() body: unknown) {
    return this.updateMany(request, body, false);
  }

  @Patch()
  @ApiNetBoxOperation({
    summary: 'Change fields of several event rules (bulk, each item with its id; all or none)',
    body: listOf(schemaRef('PatchedBulkWritableEventRule')),
    success: { status: 200, schema: listOf(EVENT_RULE) },
    errors: [400, 403, 409, 413, 415],
  })
  modifyMany(@Req() request: Request, @Body() body: unknown) {
    return this.updateMany(request, body, true);
  }

  @Delete()
  @HttpCode(204)
  @ApiNetBoxOperation({
    summary: 'Delete several event rules (bulk; their webhooks stay, without triggers)',
    body: listOf(schemaRef('BulkEventRuleId')),
    success: { status: 204, schema: null },
    errors: [400, 403, 409, 413, 415],
  })
  async removeMany(@Req() request: Request, @Body() body: unknown): Promise<void> {
    const targets = readBulkTargets(bodyOrEmpty(body));
    await this.deleteRule.execute(
      targets.map((target) => target.id),
      true,
      changeContext(request),
    );
  }

  @Options()
  @ApiNetBoxOperation({
    summary: 'Field metadata and choices (DRF metadata)',
    success: { status: 200, schema: schemaRef('NetBoxOptions') },
    errors: [403],
  })
  options() {
    return eventRuleListOptions();
  }

  @Get(':id')
  @ApiNetBoxOperation({
    summary: 'Get an event rule',
    query: [BRIEF_QUERY],
    success: { status: 200, schema: EVENT_RULE_OR_BRIEF },
    errors: [403, 404],
  })
  async get(@Req() request: Request, @Param('id') id: string, @Query() query: QueryParams) {
    const webhook = await this.getRule.execute(pathIdOf(id));
    const represent = isBrief(query) ? briefEventRuleRepresentation : eventRuleRepresentation;
    return represent(webhook, urlsOf(request));
  }

  @Put(':id')
  @ApiNetBoxOperation({
    summary: 'Replace an event rule',
    body: schemaRef('WritableEventRule'),
    success: { status: 200, schema: EVENT_RULE },
    errors: [400, 403, 404, 409, 413, 415],
  })
  async replace(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    return this.update(request, id, body, false);
  }

  @Patch(':id')
  @ApiNetBoxOperation({
    summary: 'Change fields of an event rule',
    body: schemaRef('PatchedWritableEventRule'),
    success: { status: 200, schema: EVENT_RULE },
    errors: [400, 403, 404, 409, 413, 415],
  })
  async modify(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    return this.update(request, id, body, true);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNetBoxOperation({
    summary: 'Delete an event rule (its webhook stays, without triggers)',
    success: { status: 204, schema: null },
    errors: [403, 404, 409],
  })
  async remove(@Req() request: Request, @Param('id') id: string): Promise<void> {
    await this.deleteRule.execute([pathIdOf(id)], false, changeContext(request));
  }

  @Options(':id')
  @ApiNetBoxOperation({
    summary: 'Field metadata of an event rule (DRF metadata)',
    success: { status: 200, schema: schemaRef('NetBoxOptions') },
    errors: [403, 404],
  })
  async optionsOne(@Param('id') id: string) {
    await this.getRule.execute(pathIdOf(id));
    return eventRuleDetailOptions();
  }

  /** NetBox's detail route has no POST: 405, not the 404 of an unknown route. */
  @Post(':id')
  @ApiNetBoxOperation({ summary: 'Not allowed: NetBox has no POST on a detail route', errors: [403, 405] })
  createOnDetail(): never {
    throw new MethodNotAllowedError('POST');
  }

  private async update(request: Request, id: string, body: unknown, partial: boolean) {
    const [webhook] = await this.updateRule.execute({
      changes: [{ id: pathIdOf(id), body: bodyOrEmpty(body) }],
      partial,
      bulk: false,
      context: changeContext(request),
    });
    return eventRuleRepresentation(webhook, urlsOf(request));
  }

  private async updateMany(request: Request, body: unknown, partial: boolean) {
    const webhooks = await this.updateRule.execute({
      changes: readBulkTargets(bodyOrEmpty(body)),
      partial,
      bulk: true,
      context: changeContext(request),
    });
    return webhooks.map((webhook) => eventRuleRepresentation(webhook, urlsOf(request)));
  }
}

/** A request without a body reads as `{}`, as DRF's `request.data` does. */
function bodyOrEmpty(body: unknown): unknown {
  return body === undefined ? {} : body;
}

function urlsOf(request: Request): (path: string) => string {
  return (path) => absoluteUrl(request, path);
}

function changeContext(request: Request): ChangeContext {
  return { username: authenticatedToken(request).user.username, requestId: requestIdOf(request) };
}
