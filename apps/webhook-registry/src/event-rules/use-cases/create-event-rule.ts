import { Inject, Injectable } from '@nestjs/common';
import { preciseNow } from '@validity/contracts';
import { NetBoxValidationError } from '@validity/platform/netbox-api';
import type { StoredWebhook } from '../../webhooks/domain/webhook';
import type { ChangeContext } from '../../webhooks/domain/webhook-change';
import { eventRuleDecider } from '../domain/event-rule.decider';
import { EventRuleWebhooks } from '../domain/event-rule-webhooks';
import { validateEventRuleRequest } from '../domain/validate-event-rule-request';

/**
 * POST `/api/extras/event-rules/`: the rule becomes its webhook's triggers, recorded as an update of that
 * webhook (its stream, its events on `extras.webhook.updated` and the dispatcher's topic), so the
 * dispatcher delivers by it from the moment the answer leaves, as NetBox does.
 */
@Injectable()
export class CreateEventRule {
  constructor(@Inject(EventRuleWebhooks) private readonly webhooks: EventRuleWebhooks) {}

  execute(body: unknown, context: ChangeContext): Promise<StoredWebhook> {
    return this.webhooks.write(async (writes) => {
      const webhooks = await writes.all();
      const result = validateEventRuleRequest({ body, partial: false }, webhooks);
      if (!result.ok) throw new NetBoxValidationError(result.errors);
      const target = webhooks.find((webhook) => webhook.id === result.webhook.id)!;
      return writes.decide(target, eventRuleDecider, { create: result.rule, at: preciseNow(), context });
    });
  }
}
