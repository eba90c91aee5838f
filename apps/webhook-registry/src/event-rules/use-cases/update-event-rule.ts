import { Inject, Injectable } from '@nestjs/common';
import { preciseNow } from '@validity/contracts';
import { NetBoxValidationError, NotFoundError } from '@validity/platform/netbox-api';
import type { StoredWebhook } from '../../webhooks/domain/webhook';
import type { ChangeContext } from '../../webhooks/domain/webhook-change';
import { eventRuleName, hasEventRule } from '../domain/event-rule';
import { eventRuleDecider } from '../domain/event-rule.decider';
import { EventRuleWebhooks } from '../domain/event-rule-webhooks';
import { validateEventRuleRequest } from '../domain/validate-event-rule-request';

export interface UpdateEventRulesCommand {
  /** What to change, by rule id; of repeated ids the last one counts. */
  changes: ReadonlyArray<{ id: number; body: unknown }>;
  /** PATCH: absent keys keep their value. PUT: the required fields must be there. */
  partial: boolean;
  /** Bulk (the list route) skips unknown ids, as NetBox's queryset filter does; one rule answers 404. */
  bulk: boolean;
  context: ChangeContext;
}

/**
 * PUT/PATCH `/api/extras/event-rules/{id}/` and their bulk form on the list route, as NetBox 4.6's
 * `BulkUpdateModelMixin` runs them: one transaction, the rules in their list order (by name), each
 * validated against the state the earlier ones left; the first invalid one aborts all of them with its
 * own error object. An update of a rule is an update of its webhook.
 */
@Injectable()
export class UpdateEventRule {
  constructor(@Inject(EventRuleWebhooks) private readonly webhooks: EventRuleWebhooks) {}

  execute({ changes, partial, bulk, context }: UpdateEventRulesCommand): Promise<StoredWebhook[]> {
    const bodies = new Map(changes.map(({ id, body }) => [id, body]));
    return this.webhooks.write(async (writes) => {
      let webhooks = await writes.all();
      const targets = webhooks
        .filter((webhook) => bodies.has(webhook.id) && hasEventRule(webhook))
        .sort((a, b) => eventRuleName(a).localeCompare(eventRuleName(b)) || a.id - b.id)
        .map((webhook) => webhook.id);
      if (!bulk && targets.length === 0) throw new NotFoundError();
      const updated: StoredWebhook[] = [];
      for (const id of targets) {
        const before = webhooks.find((webhook) => webhook.id === id)!;
        const result = validateEventRuleRequest({ body: bodies.get(id), current: before, partial }, webhooks);
        if (!result.ok) throw new NetBoxValidationError(result.errors);
        const command = { update: result.rule, at: preciseNow(), context };
        const stored = await writes.decide(before, eventRuleDecider, command);
        webhooks = webhooks.map((webhook) => (webhook.id === id ? stored : webhook));
        updated.push(stored);
      }
      return updated;
    });
  }
}
