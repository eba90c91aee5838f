import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { encodeOperationalEvent, preciseNow, type DisableWebhookCommand } from '@validity/contracts';
import { appendEvents } from '@validity/platform/event-store';
import { webhookPath } from '../domain/webhook-representation';
import { WebhookRepository } from '../store/webhook-repository';
import { REGISTRY_SCHEMA, WebhookTable } from '../store/webhook-table';
import { writeTransaction } from '../store/write-transaction';

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
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WebhookTable) private readonly table: WebhookTable,
    @Inject(WebhookRepository) private readonly repository: WebhookRepository,
    @Inject(REGISTRY_SCHEMA) private readonly schema: string,
  ) {}

  execute(command: DisableWebhookCommand): Promise<boolean> {
    return writeTransaction(this.dataSource, this.schema, async (manager) => {
      const before = await this.table.find(manager, command.webhook_id);
      if (!before?.enabled) return false;
      const after = { ...before, enabled: false, disabled_reason: command.reason, lastUpdated: preciseNow() };
      await this.repository.record(
        manager,
        { event: 'updated', before, after },
        { username: SYSTEM_USERNAME, requestId: randomUUID() },
      );
      // The operator's page, in the same transaction: published exactly when the disable is.
      const disabled = encodeOperationalEvent({
        objectType: 'validity-events.webhook',
        event: 'disabled',
        objectId: before.id,
        username: SYSTEM_USERNAME,
        at: after.lastUpdated.date,
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
