import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { Webhook } from '../domain/webhook';
import { WebhookTable } from '../store/webhook-table';

/** GET `/api/extras/webhooks/{id}/`, and the existence check of the detail route's OPTIONS. */
@Injectable()
export class GetWebhook {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WebhookTable) private readonly table: WebhookTable,
  ) {}

  async execute(id: number): Promise<Webhook> {
    const webhook = await this.table.find(this.dataSource.manager, id);
    if (webhook === undefined) throw new NotFoundError();
    return webhook;
  }
}
