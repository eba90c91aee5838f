import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preciseNow } from '@validity/contracts';
import { NetBoxValidationError, NotFoundError } from '@validity/platform/netbox-api';
import type { StoredWebhook } from '../../webhooks/domain/webhook';
import type { ChangeContext } from '../../webhooks/domain/webhook-change';
import { WebhookRepository } from '../../webhooks/store/webhook-repository';
import { REGISTRY_SCHEMA } from '../../webhooks/store/webhook-table';
import { writeTransaction } from '../../webhooks/store/write-transaction';
import { hasEventRule } from '../domain/event-rule';
import { validateEventRuleRequest } from '../domain/validate-event-rule-request';
import { EventRuleStore } from './event-rule-store';

/** PUT/PATCH `/api/extras/event-rules/{id}/`: an update of the rule's webhook. */
@Injectable()
export class UpdateEventRule {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EventRuleStore) private readonly store: EventRuleStore,
    @Inject(WebhookRepository) private readonly repository: WebhookRepository,
    @Inject(REGISTRY_SCHEMA) private readonly schema: string,
  ) {}

  execute(id: number, body: unknown, partial: boolean, context: ChangeContext): Promise<StoredWebhook> {
    return writeTransaction(this.dataSource, this.schema, async (manager) => {
      const webhooks = await this.store.allWebhooks(manager);
      const before = webhooks.find((webhook) => webhook.id === id);
      if (before === undefined || !hasEventRule(before)) throw new NotFoundError();
      const result = validateEventRuleRequest({ body, current: before, partial }, webhooks);
      if (!result.ok) throw new NetBoxValidationError(result.errors);
      const after = { ...before, ...result.settings, lastUpdated: preciseNow() };
      return this.repository.record(manager, { event: 'updated', before, after }, context);
    });
  }
}
