import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preciseNow } from '@validity/contracts';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../webhooks/domain/webhook-change';
import { WebhookRepository } from '../../webhooks/store/webhook-repository';
import { REGISTRY_SCHEMA, WebhookTable } from '../../webhooks/store/webhook-table';
import { writeTransaction } from '../../webhooks/store/write-transaction';
import { hasEventRule, withoutEventRule } from '../domain/event-rule';

/**
 * DELETE `/api/extras/event-rules/{id}/`: the webhook stays and loses its triggers (no content types, no
 * event flags, no conditions), so nothing is delivered to it until a new rule names it.
 */
@Injectable()
export class DeleteEventRule {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WebhookTable) private readonly table: WebhookTable,
    @Inject(WebhookRepository) private readonly repository: WebhookRepository,
    @Inject(REGISTRY_SCHEMA) private readonly schema: string,
  ) {}

  execute(id: number, context: ChangeContext): Promise<void> {
    return writeTransaction(this.dataSource, this.schema, async (manager) => {
      const before = await this.table.find(manager, id);
      if (before === undefined || !hasEventRule(before)) throw new NotFoundError();
      const after = { ...before, ...withoutEventRule(before), lastUpdated: preciseNow() };
      await this.repository.record(manager, { event: 'updated', before, after }, context);
    });
  }
}
