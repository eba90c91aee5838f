import { Body, Delete, HttpCode, Inject, Options, Patch, Put } from '@nestjs/common';
import { ChangeContext } from '@validity/platform/auth';
import {
  ApiNetBoxOperation,
  BaseUrl,
  CreateRoute,
  DeleteRoute,
  ModifyRoute,
  NetBoxController,
  NetBoxResourceController,
  ObjectId,
  ReplaceRoute,
  type ResourceReads,
  type ResourceRows,
  type ResourceView,
} from '@validity/platform/netbox-api';
import type { Webhook } from '../../webhooks/domain/webhook';
import { requestData, requestedChanges } from '../../webhooks/input/write-request';
import type { ChangeContext as WebhookChangeContext } from '../../webhooks/domain/webhook-change';
import { briefEventRuleRepresentation, eventRuleRepresentation } from '../domain/event-rule';
import { CreateEventRule } from '../use-cases/create-event-rule';
import { DeleteEventRule } from '../use-cases/delete-event-rule';
import { GetEventRule } from '../use-cases/get-event-rule';
import { ListEventRules } from '../use-cases/list-event-rules';
import { UpdateEventRule } from '../use-cases/update-event-rule';
import { eventRuleDetailOptions, eventRuleListOptions } from './event-rule-options';
import { EVENT_RULES, EVENT_RULES_BULK } from './event-rules.resource';

/**
 * `/api/extras/event-rules/` as NetBox 4.6 serves it, over the webhooks' triggers (one rule per webhook,
 * the rule's id is its webhook's). Served whatever `NETBOX_API_VERSION` says: in 3.6 mode it is an
 * extension beside the 3.6 webhook API. PUT/PATCH/DELETE on the list route are NetBox's bulk operations
 * (a list of items with their `id`, all or nothing).
 */
@NetBoxController()
export class EventRulesController
  extends NetBoxResourceController(EVENT_RULES)
  implements ResourceReads<Webhook>
{
  constructor(
    @Inject(ListEventRules) private readonly listRules: ListEventRules,
    @Inject(GetEventRule) private readonly getRule: GetEventRule,
    @Inject(CreateEventRule) private readonly createRule: CreateEventRule,
    @Inject(UpdateEventRule) private readonly updateRule: UpdateEventRule,
    @Inject(DeleteEventRule) private readonly deleteRule: DeleteEventRule,
  ) {
    super();
  }

  /** A rule is its webhook's triggers: the rows are webhooks. */
  readonly rows: ResourceRows<Webhook> = {
    list: async (query, page) => {
      const { rules, count } = await this.listRules.execute(query, page);
      return { count, results: rules };
    },
    get: (id) => this.getRule.execute(id),
  };

  represent(webhook: Webhook, { brief, base }: ResourceView) {
    return (brief ? briefEventRuleRepresentation : eventRuleRepresentation)(webhook, urlsOf(base));
  }

  @CreateRoute(EVENT_RULES, EVENT_RULES_BULK.create)
  async create(
    @Body() body: unknown,
    @ChangeContext() context: WebhookChangeContext,
    @BaseUrl() base: string,
  ) {
    const webhook = await this.createRule.execute(requestData(body), context);
    return eventRuleRepresentation(webhook, urlsOf(base));
  }

  @Put()
  @ApiNetBoxOperation(EVENT_RULES_BULK.replace)
  replaceMany(
    @Body() body: unknown,
    @ChangeContext() context: WebhookChangeContext,
    @BaseUrl() base: string,
  ) {
    return this.update(body, false, context, base);
  }

  @Patch()
  @ApiNetBoxOperation(EVENT_RULES_BULK.modify)
  modifyMany(@Body() body: unknown, @ChangeContext() context: WebhookChangeContext, @BaseUrl() base: string) {
    return this.update(body, true, context, base);
  }

  @Delete()
  @HttpCode(204)
  @ApiNetBoxOperation(EVENT_RULES_BULK.remove)
  async removeMany(@Body() body: unknown, @ChangeContext() context: WebhookChangeContext): Promise<void> {
    await this.deleteRule.execute(
      requestedChanges(body).map((target) => target.id),
      true,
      context,
    );
  }

  @Options()
  @ApiNetBoxOperation(EVENT_RULES.options())
  override options() {
    return eventRuleListOptions();
  }

  @ReplaceRoute(EVENT_RULES)
  replace(
    @ObjectId() id: number,
    @Body() body: unknown,
    @ChangeContext() context: WebhookChangeContext,
    @BaseUrl() base: string,
  ) {
    return this.update(body, false, context, base, id);
  }

  @ModifyRoute(EVENT_RULES)
  modify(
    @ObjectId() id: number,
    @Body() body: unknown,
    @ChangeContext() context: WebhookChangeContext,
    @BaseUrl() base: string,
  ) {
    return this.update(body, true, context, base, id);
  }

  @DeleteRoute(EVENT_RULES, { summary: 'Delete an event rule (its webhook stays, without triggers)' })
  async remove(@ObjectId() id: number, @ChangeContext() context: WebhookChangeContext): Promise<void> {
    await this.deleteRule.execute([id], false, context);
  }

  @Options(':id')
  @ApiNetBoxOperation(
    EVENT_RULES.options({ summary: 'Field metadata of an event rule (DRF metadata)', errors: [403, 404] }),
  )
  async optionsOne(@ObjectId() id: number) {
    await this.getRule.execute(id);
    return eventRuleDetailOptions();
  }

  /** Updates the rules a write names: a detail route answers with its one rule, a bulk write with the list. */
  private async update(
    body: unknown,
    partial: boolean,
    context: WebhookChangeContext,
    base: string,
    id?: number,
  ) {
    const bulk = id === undefined;
    const changes = requestedChanges(body, id);
    const rules = (await this.updateRule.execute({ changes, partial, bulk, context })).map((webhook) =>
      eventRuleRepresentation(webhook, urlsOf(base)),
    );
    return bulk ? rules : rules[0];
  }
}

function urlsOf(base: string): (path: string) => string {
  return (path) => `${base}${path}`;
}
