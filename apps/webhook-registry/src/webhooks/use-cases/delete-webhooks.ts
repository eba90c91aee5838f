import { Inject, Injectable } from '@nestjs/common';
import { preciseNow } from '@validity/contracts';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../domain/webhook-change';
import { webhookDecider } from '../domain/webhook.decider';
import { WebhookRepository } from '../store/webhook-repository';
import { WebhookTable } from '../store/webhook-table';

export interface DeleteWebhooksCommand {
  ids: readonly number[];
  /** Bulk (the list route) skips unknown ids; a single delete answers 404 for one. */
  bulk: boolean;
  context: ChangeContext;
}

/** DELETE `/api/extras/webhooks/{id}/` and the bulk form on the list route, in one transaction. */
@Injectable()
export class DeleteWebhooks {
  constructor(
    @Inject(WebhookRepository) private readonly webhooks: WebhookRepository,
    @Inject(WebhookTable) private readonly table: WebhookTable,
  ) {}

  execute({ ids, bulk, context }: DeleteWebhooksCommand): Promise<void> {
    return this.webhooks.write(async (manager) => {
      const targets = await this.table.findMany(manager, ids);
      if (!bulk && targets.length === 0) throw new NotFoundError();
      for (const target of targets) {
        await this.webhooks.decide(manager, target, webhookDecider, {
          delete: { at: preciseNow() },
          context,
        });
      }
    });
  }
}
