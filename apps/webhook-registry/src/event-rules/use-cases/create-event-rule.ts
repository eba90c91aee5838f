import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preciseNow } from '@validity/contracts';
import { NetBoxValidationError } from '@validity/platform/netbox-api';
import type { StoredWebhook } from '../../webhooks/domain/webhook';
import type { ChangeContext } from '../../webhooks/domain/webhook-change';
import { WebhookRepository } from '../../webhooks/store/webhook-repository';
import { REGISTRY_SCHEMA } from '../../webhooks/store/webhook-table';
import { writeTransaction } from '../../webhooks/store/write-transaction';
import { validateEventRuleRequest } from '../domain/validate-event-rule-request';
import { EventRuleStore } from './event-rule-store';

/**
 * POST `/api/extras/event-rules/`: the rule becomes its webhook's triggers, recorded as an update of that
 * webhook (its stream, its events on `extras.webhook.updated` and the dispatcher's topic), so the
 * dispatcher delivers by it from the moment the answer leaves, as NetBox does.
 */
@Injectable()
export class CreateEventRule {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EventRuleStore) private readonly store: EventRuleStore,
    @Inject(WebhookRepository) private readonly repository: WebhookRepository,
    @Inject(REGISTRY_SCHEMA) private readonly schema: string,
  ) {}

  execute(body: unknown, context: ChangeContext): Promise<StoredWebhook> {
    return writeTransaction(this.dataSource, this.schema, async (manager) => {
      const webhooks = await this.store.allWebhooks(manager);
      const result = validateEventRuleRequest({ body, partial: false }, webhooks);
      if (!result.ok) throw new NetBoxValidationError(result.errors);
      const before = webhooks.find((webhook) => webhook.id === result.webhook.id)!;
      const after = { ...before, ...result.settings, lastUpdated: preciseNow() };
      return this.repository.record(manager, { event: 'updated', before, after }, context);
    });
  }
}
