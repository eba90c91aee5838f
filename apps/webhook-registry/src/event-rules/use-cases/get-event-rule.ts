import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { Webhook } from '../../webhooks/domain/webhook';
import { WebhookTable } from '../../webhooks/store/webhook-table';
import { hasEventRule } from '../domain/event-rule';

/** GET `/api/extras/event-rules/{id}/`: the rule of webhook `id`; 404 when it has none. */
@Injectable()
export class GetEventRule {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WebhookTable) private readonly table: WebhookTable,
  ) {}

  async execute(id: number): Promise<Webhook> {
    const webhook = await this.table.find(this.dataSource.manager, id);
    if (webhook === undefined || !hasEventRule(webhook)) throw new NotFoundError();
    return webhook;
  }
}
