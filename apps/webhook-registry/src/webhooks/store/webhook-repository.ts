import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { appendEvents, type NewEvent } from '@validity/platform/event-store';
import { webhookStreamId, type StoredWebhook } from '../domain/webhook';
import { webhookChangeEvents, type ChangeContext, type WebhookChange } from '../domain/webhook-change';
import { REGISTRY_SCHEMA, WebhookTable } from './webhook-table';

/**
 * Records webhook changes, event-sourced: in the caller's transaction, the read model row first, then
 * the change's events appended to the webhook's stream (last, as the event store requires). The append
 * expects the version the change was based on, so a concurrent change to the same webhook makes it
 * fail with `StaleStreamError` and nothing of the transaction is kept.
 */
@Injectable()
export class WebhookRepository {
  constructor(
    @Inject(REGISTRY_SCHEMA) private readonly schema: string,
    @Inject(WebhookTable) private readonly table: WebhookTable,
  ) {}

  /** Returns the webhook as stored after the change. */
  async record(
    manager: EntityManager,
    change: Exclude<WebhookChange, { event: 'deleted' }>,
    context: ChangeContext,
  ): Promise<StoredWebhook>;
  async record(
    manager: EntityManager,
    change: Extract<WebhookChange, { event: 'deleted' }>,
    context: ChangeContext,
  ): Promise<void>;
  async record(
    manager: EntityManager,
    change: WebhookChange,
    context: ChangeContext,
  ): Promise<StoredWebhook | void> {
    const events = webhookChangeEvents(change, context);
    if (change.event === 'deleted') {
      await this.table.delete(manager, change.before.id);
      await this.append(manager, change.before.id, change.before.version, events);
      return;
    }
    const expectedVersion = change.event === 'created' ? 0 : change.before.version;
    const stored = { ...change.after, version: expectedVersion + events.length };
    if (change.event === 'created') await this.table.insert(manager, stored);
    else await this.table.update(manager, stored);
    await this.append(manager, stored.id, expectedVersion, events);
    return stored;
  }

  private async append(
    manager: EntityManager,
    webhookId: number,
    expectedVersion: number,
    events: NewEvent[],
  ): Promise<void> {
    await appendEvents(manager, this.schema, webhookStreamId(webhookId), expectedVersion, events);
  }
}
