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
 * DELETE `/api/extras/event-rules/{id}/`, and its bulk form on the list route (one transaction; unknown
 * ids skipped, as NetBox's `bulk_destroy` filters them out): the webhook stays and loses its triggers
 * (no content types, no event flags, no conditions), so nothing is delivered to it until a new rule
 * names it.
 */
@Injectable()
export class DeleteEventRule {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WebhookTable) private readonly table: WebhookTable,
    @Inject(WebhookRepository) private readonly repository: WebhookRepository,
    @Inject(REGISTRY_SCHEMA) private readonly schema: string,
  ) {}

  execute(ids: readonly number[], bulk: boolean, context: ChangeContext): Promise<void> {
    return writeTransaction(this.dataSource, this.schema, async (manager) => {
      const rules = (await this.table.findMany(manager, [...new Set(ids)])).filter(hasEventRule);
      if (!bulk && rules.length === 0) throw new NotFoundError();
      for (const before of rules) {
        const after = { ...before, ...withoutEventRule(before), lastUpdated: preciseNow() };
        await this.repository.record(manager, { event: 'updated', before, after }, context);
      }
    });
  }
}
