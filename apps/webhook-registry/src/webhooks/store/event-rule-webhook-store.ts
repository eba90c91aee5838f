import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventRuleWebhooks, EventRuleWebhookWrites } from '../../event-rules/domain/event-rule-webhooks';
import type { StoredWebhook } from '../domain/webhook';
import { liveWebhook } from '../domain/webhook.decider';
import { WebhookRepository } from './webhook-repository';
import { WebhookTable } from './webhook-table';

/** Far above any webhook count this system is meant for; rules are read whole, one per webhook. */
const ALL_WEBHOOKS = { offset: 0, limit: 1_000_000 };

/** The webhooks as the event rules, which are stored in them, read and change them. */
@Injectable()
export class EventRuleWebhookStore implements EventRuleWebhooks {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WebhookTable) private readonly table: WebhookTable,
    @Inject(WebhookRepository) private readonly repository: WebhookRepository,
  ) {}

  all(): Promise<StoredWebhook[]> {
    return this.allIn(this.dataSource.manager);
  }

  find(id: number): Promise<StoredWebhook | undefined> {
    return this.table.find(this.dataSource.manager, id);
  }

  write<T>(work: (webhooks: EventRuleWebhookWrites) => Promise<T>): Promise<T> {
    return this.repository.write((manager) =>
      work({
        all: () => this.allIn(manager),
        findMany: (ids) => this.table.findMany(manager, ids),
        decide: async (webhook, decider, command) =>
          liveWebhook((await this.repository.decide(manager, webhook, decider, command)).after),
      }),
    );
  }

  private async allIn(manager: EntityManager): Promise<StoredWebhook[]> {
    return (await this.table.list(manager, {}, ALL_WEBHOOKS)).webhooks;
  }
}
