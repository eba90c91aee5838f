import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, valuesOf, type Pagination, type QueryParams } from '@validity/platform/netbox-api';
import type { Webhook } from '../../webhooks/domain/webhook';
import { eventRuleName, hasEventRule } from '../domain/event-rule';
import { eventRuleMatches } from '../domain/event-rule-filters';
import { EventRuleWebhooks } from '../domain/event-rule-webhooks';

/** GET `/api/extras/event-rules/`: one page of the rules matching the filters, by name, and the total. */
@Injectable()
export class ListEventRules {
  constructor(@Inject(EventRuleWebhooks) private readonly webhooks: EventRuleWebhooks) {}

  async execute(query: QueryParams, page: Pagination): Promise<{ rules: Webhook[]; count: number }> {
    if (valuesOf(query, 'export').length > 0) throw new NotFoundError();
    const webhooks = await this.webhooks.all();
    const rules = webhooks
      .filter((webhook) => hasEventRule(webhook) && eventRuleMatches(webhook, query))
      .sort((a, b) => compare(eventRuleName(a), eventRuleName(b)) || a.id - b.id);
    return { rules: rules.slice(page.offset, page.offset + page.limit), count: rules.length };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
