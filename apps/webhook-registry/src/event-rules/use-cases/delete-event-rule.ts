import { Inject, Injectable } from '@nestjs/common';
import { preciseNow } from '@validity/contracts';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../webhooks/domain/webhook-change';
import { hasEventRule } from '../domain/event-rule';
import { eventRuleDecider } from '../domain/event-rule.decider';
import { EventRuleWebhooks } from '../domain/event-rule-webhooks';

/**
 * DELETE `/api/extras/event-rules/{id}/`, and its bulk form on the list route (one transaction; unknown
 * ids skipped, as NetBox's `bulk_destroy` filters them out): the webhook stays and loses its triggers
 * (no content types, no event flags, no conditions), so nothing is delivered to it until a new rule
 * names it.
 */
@Injectable()
export class DeleteEventRule {
  constructor(@Inject(EventRuleWebhooks) private readonly webhooks: EventRuleWebhooks) {}

  execute(ids: readonly number[], bulk: boolean, context: ChangeContext): Promise<void> {
    return this.webhooks.write(async (writes) => {
      const rules = (await writes.findMany([...new Set(ids)])).filter(hasEventRule);
      if (!bulk && rules.length === 0) throw new NotFoundError();
      for (const rule of rules) {
        await writes.decide(rule, eventRuleDecider, { delete: true, at: preciseNow(), context });
      }
    });
  }
}
