import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StoredWebhook } from '../../webhooks/domain/webhook';
import { WebhookTable } from '../../webhooks/store/webhook-table';

/** Far above any webhook count this system is meant for; rules are read whole, one per webhook. */
const ALL_WEBHOOKS = { offset: 0, limit: 1_000_000 };

/** The webhooks, which hold the event rules: the read side every event-rule use case shares. */
@Injectable()
export class EventRuleStore {
  constructor(@Inject(WebhookTable) private readonly table: WebhookTable) {}

  /** Every webhook, by name (the order NetBox lists event rules in). */
  async allWebhooks(manager: EntityManager): Promise<StoredWebhook[]> {
    return (await this.table.list(manager, {}, ALL_WEBHOOKS)).webhooks;
  }
}
