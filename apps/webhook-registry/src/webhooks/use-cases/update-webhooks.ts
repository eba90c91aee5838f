import { Inject, Injectable } from '@nestjs/common';
import { preciseNow } from '@validity/contracts';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { StoredWebhook } from '../domain/webhook';
import type { ChangeContext } from '../domain/webhook-change';
import { WEBHOOK_LIFECYCLE, type WebhookLifecycleSettings } from '../domain/webhook-lifecycle-settings';
import { liveWebhook, webhookDecider } from '../domain/webhook.decider';
import { WebhookRepository } from '../store/webhook-repository';
import { WebhookTable } from '../store/webhook-table';
import { WebhookRequestValidation } from './webhook-request-validation';

export interface UpdateWebhooksCommand {
  /** What to change, by webhook id; of repeated ids the last one counts. */
  changes: ReadonlyArray<{ id: number; body: unknown }>;
  /** PATCH: absent keys keep their value. PUT: `content_types`, `name` and `payload_url` are required. */
  partial: boolean;
  /** Bulk (the list route) skips unknown ids; a single update answers 404 for one. */
  bulk: boolean;
  context: ChangeContext;
}

/**
 * PUT/PATCH `/api/extras/webhooks/{id}/` and their bulk form on the list route, as NetBox 3.6 runs them:
 * one transaction, the webhooks taken in name order, each validated against the state the earlier ones
 * left; the first invalid one aborts everything with its own error object (not an aligned array).
 * Returns the updated webhooks in that order.
 */
@Injectable()
export class UpdateWebhooks {
  constructor(
    @Inject(WebhookRepository) private readonly webhooks: WebhookRepository,
    @Inject(WebhookTable) private readonly table: WebhookTable,
    @Inject(WebhookRequestValidation) private readonly validation: WebhookRequestValidation,
    @Inject(WEBHOOK_LIFECYCLE) private readonly lifecycle: WebhookLifecycleSettings,
  ) {}

  execute({ changes, partial, bulk, context }: UpdateWebhooksCommand): Promise<StoredWebhook[]> {
    const bodies = new Map(changes.map(({ id, body }) => [id, body]));
    return this.webhooks.write(async (manager) => {
      const targets = await this.table.findMany(manager, [...bodies.keys()]);
      if (!bulk && targets.length === 0) throw new NotFoundError();
      const updated: StoredWebhook[] = [];
      for (const current of targets) {
        const request = { body: bodies.get(current.id), current, partial };
        const [settings] = await this.validation.settingsOf(manager, [request], false);
        const change = { settings, at: preciseNow(), secretOverlapMs: this.lifecycle.secretOverlapMs };
        const handled = await this.webhooks.decide(manager, current, webhookDecider, { change, context });
        updated.push(liveWebhook(handled.after));
      }
      return updated;
    });
  }
}
