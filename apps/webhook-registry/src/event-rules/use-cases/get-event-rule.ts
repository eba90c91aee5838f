import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { Webhook } from '../../webhooks/domain/webhook';
import { hasEventRule } from '../domain/event-rule';
import { EventRuleWebhooks } from '../domain/event-rule-webhooks';

/** GET `/api/extras/event-rules/{id}/`: the rule of webhook `id`; 404 when it has none. */
@Injectable()
export class GetEventRule {
  constructor(@Inject(EventRuleWebhooks) private readonly webhooks: EventRuleWebhooks) {}

  async execute(id: number): Promise<Webhook> {
    const webhook = await this.webhooks.find(id);
    if (webhook === undefined || !hasEventRule(webhook)) throw new NotFoundError();
    return webhook;
  }
}
