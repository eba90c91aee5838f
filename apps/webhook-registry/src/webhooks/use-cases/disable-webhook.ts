import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { preciseNow, type DisableWebhookCommand } from '@validity/contracts';
import { WebhookRepository } from '../store/webhook-repository';
import { REGISTRY_SCHEMA, WebhookTable } from '../store/webhook-table';
import { writeTransaction } from '../store/write-transaction';

/** Who the envelope names for a disable the system decided (NetBox names the user who made a change). */
export const SYSTEM_USERNAME = 'validity-events';

/**
 * Applies the dispatcher's "disable this webhook" (issue 18): a normal webhook update (its
 * `extras.webhook.updated` event and new definition) setting `enabled: false` and the read-only
 * `disabled_reason`. A webhook already
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
      return true;
    });
  }
}
