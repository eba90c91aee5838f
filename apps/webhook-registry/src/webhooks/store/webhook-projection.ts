import type { EntityManager } from 'typeorm';
import type { Projection, StoredEvent } from '@validity/platform/event-store';
import { webhookAfterEvent } from '../domain/webhook-change';
import type { WebhookTable } from './webhook-table';

/**
 * The `webhooks` read model as a projection of the event store: what every write applies to the events
 * it appended, and what `npm run projections:rebuild` replays. Each change appends the webhook's whole
 * definition (the internal topic's record, secret included) as its last event, so the row after a
 * change is that definition at that event's version, and a removal deletes it.
 */
export class WebhookProjection implements Projection {
  readonly name = 'webhooks';
  readonly tables: readonly string[];

  constructor(
    schema: string,
    private readonly table: WebhookTable,
  ) {
    this.tables = [`"${schema}"."webhooks"`];
  }

  async apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    const after = webhookAfterEvent(event);
    if (after === undefined) return;
    if (after === 'deleted') await this.table.delete(manager, webhookIdOf(event.streamId));
    else await this.table.save(manager, after);
  }
}

function webhookIdOf(streamId: string): number {
  return Number(streamId.slice('webhook-'.length));
}
