import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DestinationPolicy } from '@validity/contracts';
import { preciseNow } from '@validity/contracts';
import { NetBoxValidationError, NotFoundError } from '@validity/platform/netbox-api';
import type { StoredWebhook } from '../domain/webhook';
import { deliveryStateAfterChange } from '../domain/webhook-delivery-state';
import { WEBHOOK_LIFECYCLE, type WebhookLifecycleSettings } from '../domain/webhook-lifecycle-settings';
import type { ChangeContext } from '../domain/webhook-change';
import { WebhookRepository } from '../store/webhook-repository';
import { REGISTRY_SCHEMA, WebhookTable } from '../store/webhook-table';
import { writeTransaction } from '../store/write-transaction';
import { validateWebhookRequests, type WebhookApiVersion } from '../validation/validate-webhook-requests';
import { WEBHOOK_API_VERSION } from '../webhook-api-version';

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
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WebhookTable) private readonly table: WebhookTable,
    @Inject(WebhookRepository) private readonly repository: WebhookRepository,
    @Inject(REGISTRY_SCHEMA) private readonly schema: string,
    @Inject(DestinationPolicy) private readonly destinations: DestinationPolicy,
    @Inject(WEBHOOK_API_VERSION) private readonly apiVersion: WebhookApiVersion,
    @Inject(WEBHOOK_LIFECYCLE) private readonly lifecycle: WebhookLifecycleSettings,
  ) {}

  execute({ changes, partial, bulk, context }: UpdateWebhooksCommand): Promise<StoredWebhook[]> {
    const bodies = new Map(changes.map(({ id, body }) => [id, body]));
    return writeTransaction(this.dataSource, this.schema, async (manager) => {
      const targets = await this.table.findMany(manager, [...bodies.keys()]);
      if (!bulk && targets.length === 0) throw new NotFoundError();
      const updated: StoredWebhook[] = [];
      for (const before of targets) {
        const [result] = await validateWebhookRequests(
          [{ body: bodies.get(before.id), current: before, partial }],
          this.table.existing(manager),
          this.destinations,
          this.apiVersion,
        );
        if (!result.ok) throw new NetBoxValidationError(result.errors);
        const lastUpdated = preciseNow();
        const state = deliveryStateAfterChange(
          before,
          result.settings,
          lastUpdated.date,
          this.lifecycle.secretOverlapMs,
        );
        const after = { ...before, ...result.settings, ...state, lastUpdated };
        updated.push(await this.repository.record(manager, { event: 'updated', before, after }, context));
      }
      return updated;
    });
  }
}
