import type { PreciseTime } from '@validity/contracts';
import type { Decider, NewEvent } from '@validity/platform/event-store';
import { NetBoxValidationError, NotFoundError } from '@validity/platform/netbox-api';
import { webhookChangeEvents, type ChangeContext } from '../../webhooks/domain/webhook-change';
import { liveWebhook, webhookDecider, type WebhookState } from '../../webhooks/domain/webhook.decider';
import { hasEventRule, noEventRule, type EventRuleSettings } from './event-rule';
import { EVENT_RULE_MESSAGES } from './validate-event-rule-request';

export type EventRuleCommand =
  /** A rule for a webhook that has none. */
  | { create: EventRuleSettings; at: PreciseTime; context: ChangeContext }
  /** The whole rule after a change of the webhook's rule. */
  | { update: EventRuleSettings; at: PreciseTime; context: ChangeContext }
  /** The webhook stays, without triggers. */
  | { delete: true; at: PreciseTime; context: ChangeContext };

/**
 * An event rule is the trigger half of its webhook (NetBox 3.7's migration 0101; one rule per webhook,
 * with the webhook's id), so it lives on the webhook's stream and is decided on the webhook's folded
 * state: each command is an update of that webhook, with its `extras.webhook.updated` envelope and new
 * definition. Unlike a client's webhook change it leaves the delivery state (secrets, disable reason)
 * as it is. The rule's name and its target are checked against the other webhooks before
 * (`validateEventRuleRequest`).
 */
export const eventRuleDecider: Decider<WebhookState, EventRuleCommand> = {
  initialState: webhookDecider.initialState,
  evolve: webhookDecider.evolve,
  decide: (command, state): NewEvent[] => {
    const before = liveWebhook(state);
    if ('create' in command) {
      if (hasEventRule(before)) {
        throw new NetBoxValidationError({
          action_object_id: [EVENT_RULE_MESSAGES.webhookHasRule(before.id)],
        });
      }
    } else if (!hasEventRule(before)) {
      throw new NotFoundError();
    }
    const rule = 'delete' in command ? noEventRule() : 'create' in command ? command.create : command.update;
    const after = Object.assign({}, before, rule, { lastUpdated: command.at });
    return webhookChangeEvents({ event: 'updated', before, after }, command.context);
  },
};
