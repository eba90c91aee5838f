import { Inject, Injectable } from '@nestjs/common';
import { preciseNow } from '@validity/contracts';
import type { StoredWebhook } from '../domain/webhook';
import type { ChangeContext } from '../domain/webhook-change';
import { liveWebhook, webhookDecider } from '../domain/webhook.decider';
import { WebhookRepository } from '../store/webhook-repository';
import { WebhookTable } from '../store/webhook-table';
import { WebhookRequestValidation } from './webhook-request-validation';

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
    @Inject(WebhookRepository) private readonly webhooks: WebhookRepository,
    @Inject(WebhookTable) private readonly table: WebhookTable,
    @Inject(WebhookRequestValidation) private readonly validation: WebhookRequestValidation,
  ) {}

  execute({ bodies, bulk, context }: CreateWebhooksCommand): Promise<StoredWebhook[]> {
    return this.webhooks.write(async (manager) => {
      const requests = bodies.map((body) => ({ body, partial: false }));
      const settings = await this.validation.settingsOf(manager, requests, bulk);
      const ids = await this.table.nextIds(manager, settings.length);
      const created: StoredWebhook[] = [];
      for (const [index, id] of ids.entries()) {
        const create = { id, settings: settings[index], at: preciseNow() };
        const handled = await this.webhooks.decide(manager, { id, version: 0 }, webhookDecider, {
          create,
          context,
        });
        created.push(liveWebhook(handled.after));
      }
      return created;
    });
  }
}
