import type { EntityManager } from 'typeorm';
import {
  DELIVERY_OPTION_DEFAULTS,
  decodeWebhookDefinition,
  preciseTimeOfRestDateTime,
  type WebhookDefinition,
} from '@validity/contracts';
import type { Projection, StoredEvent } from '@validity/platform/event-store';
import { settingsOf, type StoredWebhook } from '../domain/webhook';
import type { WebhookTable } from './webhook-table';

/**
 * The `webhooks` read model as a projection of the event store, for `npm run projections:rebuild`. Each
 * change appends the webhook's full definition (the internal topic's record, secret included) as its
 * last event, so the row after a change is that definition at that event's version, and a removal
 * deletes it. The public envelopes carry nothing more and are skipped.
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
    if (event.type === 'WebhookDefinitionRemoved') {
      await this.table.delete(manager, webhookIdOf(event.streamId));
      return;
    }
    if (event.type !== 'WebhookDefinitionChanged' || event.payload === null) return;
    const decoded = decodeWebhookDefinition(event.payload);
    if (!decoded.ok)
      throw new Error(`event ${event.position} holds no webhook definition: ${decoded.message}`);
    const webhook = storedWebhookOf(decoded.value, event.version);
    await this.table.delete(manager, webhook.id);
    await this.table.insert(manager, webhook);
  }
}

function storedWebhookOf(definition: WebhookDefinition, version: number): StoredWebhook {
  return {
    ...settingsOf({
      ...DELIVERY_OPTION_DEFAULTS,
      ...definition,
      description: definition.description ?? '',
      event_rule: definition.event_rule ?? null,
    }),
    id: definition.id,
    created: preciseTimeOfRestDateTime(definition.created),
    lastUpdated: preciseTimeOfRestDateTime(definition.last_updated),
    version,
    previous_secret: definition.previous_secret ?? '',
    secret_rotated_at: dateOrNull(definition.secret_rotated_at),
    previous_secret_expires: dateOrNull(definition.previous_secret_expires),
    disabled_reason: definition.disabled_reason ?? '',
  };
}

function webhookIdOf(streamId: string): number {
  return Number(streamId.slice('webhook-'.length));
}

function dateOrNull(text: string | null | undefined): Date | null {
  return text ? new Date(text) : null;
}
