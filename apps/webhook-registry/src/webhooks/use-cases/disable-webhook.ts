import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { encodeOperationalEvent, preciseNow, type DisableWebhookCommand } from '@validity/contracts';
import { appendEvents } from '@validity/platform/event-store';
import { webhookPath } from '../domain/webhook-representation';
import { liveWebhook, webhookDecider } from '../domain/webhook.decider';
import { WebhookRepository } from '../store/webhook-repository';
import { REGISTRY_SCHEMA } from '../store/webhook-table';

/** Who the envelope names for a disable the system decided (NetBox names the user who made a change). */
export const SYSTEM_USERNAME = 'validity-events';

/**
 * Applies the dispatcher's "disable this webhook" (issue 18): a normal webhook update (its
 * `extras.webhook.updated` event and new definition) setting `enabled: false` and the read-only
 * `disabled_reason`, and the operational event `validity-events.webhook.disabled` (on a stream of its
 * own: it is not a state of the webhook). A webhook already
 * disabled (by a client, or by an earlier copy of the command: delivery is at least once, and several
 * dispatcher instances may ask) or deleted is left as it is. Returns whether it disabled the webhook.
 */
@Injectable()
export class DisableWebhook {
  constructor(
    @Inject(WebhookRepository) private readonly webhooks: WebhookRepository,
    @Inject(REGISTRY_SCHEMA) private readonly schema: string,
  ) {}

  execute(command: DisableWebhookCommand): Promise<boolean> {
    return this.webhooks.write(async (manager) => {
      const disable = { reason: command.reason, at: preciseNow() };
      const context = { username: SYSTEM_USERNAME, requestId: randomUUID() };
      const handled = await this.webhooks.decide(manager, { id: command.webhook_id }, webhookDecider, {
        disable,
        context,
      });
      if (handled.events.length === 0) return false;
      const before = liveWebhook(handled.before);
      // The operator's page, in the same transaction: published exactly when the disable is.
      const disabled = encodeOperationalEvent({
        objectType: 'validity-events.webhook',
        event: 'disabled',
        objectId: before.id,
        username: SYSTEM_USERNAME,
        at: disable.at.date,
        data: {
          webhook: { id: before.id, url: webhookPath(before.id), name: before.name },
          cause: command.cause,
          reason: command.reason,
          failing_since: command.failing_since,
        },
      });
      const eventId = disabled.message.headers['event-id'];
      await appendEvents(manager, this.schema, `operational-event-${eventId}`, 0, [
        { type: 'WebhookDisabledBySystem', record: disabled },
      ]);
      return true;
    });
  }
}
