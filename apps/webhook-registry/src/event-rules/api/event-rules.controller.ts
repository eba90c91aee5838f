import { Inject } from '@nestjs/common';
import {
  NetBoxController,
  NetBoxResourceController,
  type BulkResourceWrites,
  type ResourceReads,
  type ResourceRows,
  type ResourceView,
  type ResourceWriter,
} from '@validity/platform/netbox-api';
import type { Webhook } from '../../webhooks/domain/webhook';
import { briefEventRuleRepresentation, eventRuleRepresentation } from '../domain/event-rule';
import { CreateEventRule } from '../use-cases/create-event-rule';
import { DeleteEventRule } from '../use-cases/delete-event-rule';
import { GetEventRule } from '../use-cases/get-event-rule';
import { ListEventRules } from '../use-cases/list-event-rules';
import { UpdateEventRule } from '../use-cases/update-event-rule';
import { EVENT_RULES } from './event-rules.resource';

/**
 * `/api/extras/event-rules/` as NetBox 4.6 serves it, over the webhooks' triggers (one rule per webhook,
 * the rule's id is its webhook's). Served whatever `NETBOX_API_VERSION` says: in 3.6 mode it is an
 * extension beside the 3.6 webhook API. PUT/PATCH/DELETE on the list route are NetBox's bulk operations
 * (a list of items with their `id`, all or nothing).
 */
@NetBoxController()
export class EventRulesController
  extends NetBoxResourceController(EVENT_RULES)
  implements ResourceReads<Webhook>, ResourceWriter<Webhook>
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

  /** A rule is created one at a time (no list body); updates and deletes have NetBox's bulk forms. */
  readonly writes: BulkResourceWrites<Webhook> = {
    create: async ({ bodies: [body] }, { change }) => [await this.createRule.execute(body, change)],
    update: (command, { change }) => this.updateRule.execute({ ...command, context: change }),
    remove: ({ ids, bulk }, { change }) => this.deleteRule.execute(ids, bulk, change),
  };

  represent(webhook: Webhook, { brief, base }: ResourceView) {
    const representation = brief ? briefEventRuleRepresentation : eventRuleRepresentation;
    return representation(webhook, (path) => `${base}${path}`);
  }
}
