import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DestinationPolicy } from '@validity/contracts';
import { preciseNow } from '@validity/contracts';
import { NetBoxValidationError } from '@validity/platform/netbox-api';
import type { StoredWebhook } from '../domain/webhook';
import { INITIAL_DELIVERY_STATE } from '../domain/webhook-delivery-state';
import type { ChangeContext } from '../domain/webhook-change';
import { WebhookRepository } from '../store/webhook-repository';
import { REGISTRY_SCHEMA, WebhookTable } from '../store/webhook-table';
import { writeTransaction } from '../store/write-transaction';
import { validateWebhookRequests, type WebhookApiVersion } from '../validation/validate-webhook-requests';
import { WEBHOOK_API_VERSION } from '../webhook-api-version';

export interface CreateWebhooksCommand {
  /** The request bodies: one, or each item of a bulk (array) POST. */
  bodies: readonly unknown[];
  /** A bulk POST answers errors as an array aligned with the input, `{}` for the valid items. */
  bulk: boolean;
  context: ChangeContext;
}

/** POST `/api/extras/webhooks/`: all of the request's webhooks are created, or none. */
@Injectable()
export class CreateWebhooks {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WebhookTable) private readonly table: WebhookTable,
    @Inject(WebhookRepository) private readonly repository: WebhookRepository,
    @Inject(REGISTRY_SCHEMA) private readonly schema: string,
    @Inject(DestinationPolicy) private readonly destinations: DestinationPolicy,
    @Inject(WEBHOOK_API_VERSION) private readonly apiVersion: WebhookApiVersion,
  ) {}

  execute({ bodies, bulk, context }: CreateWebhooksCommand): Promise<StoredWebhook[]> {
    return writeTransaction(this.dataSource, this.schema, async (manager) => {
      const validated = await validateWebhookRequests(
        bodies.map((body) => ({ body, partial: false })),
        this.table.existing(manager),
        this.destinations,
        this.apiVersion,
      );
      const errors = validated.map((result) => (result.ok ? {} : result.errors));
      if (validated.some((result) => !result.ok)) throw new NetBoxValidationError(bulk ? errors : errors[0]);
      const ids = await this.table.nextIds(manager, validated.length);
      const created: StoredWebhook[] = [];
      for (const [index, result] of validated.entries()) {
        if (!result.ok) continue;
        const at = preciseNow();
        const after = {
          ...result.settings,
          ...INITIAL_DELIVERY_STATE,
          id: ids[index],
          created: at,
          lastUpdated: at,
        };
        created.push(await this.repository.record(manager, { event: 'created', after }, context));
      }
      return created;
    });
  }
}
