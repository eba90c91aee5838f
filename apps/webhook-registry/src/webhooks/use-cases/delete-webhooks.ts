import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preciseNow } from '@validity/contracts';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../domain/webhook-change';
import { WebhookRepository } from '../store/webhook-repository';
import { REGISTRY_SCHEMA, WebhookTable } from '../store/webhook-table';
import { writeTransaction } from '../store/write-transaction';

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
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WebhookTable) private readonly table: WebhookTable,
    @Inject(WebhookRepository) private readonly repository: WebhookRepository,
    @Inject(REGISTRY_SCHEMA) private readonly schema: string,
  ) {}

  execute({ ids, bulk, context }: DeleteWebhooksCommand): Promise<void> {
    return writeTransaction(this.dataSource, this.schema, async (manager) => {
      const targets = await this.table.findMany(manager, ids);
      if (!bulk && targets.length === 0) throw new NotFoundError();
      for (const before of targets) {
        await this.repository.record(manager, { event: 'deleted', before, at: preciseNow() }, context);
      }
    });
  }
}
