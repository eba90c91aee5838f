import { Module, type DynamicModule } from '@nestjs/common';
import { WebhooksController } from './api/webhooks.controller';
import { WebhookRepository } from './store/webhook-repository';
import { REGISTRY_SCHEMA, WebhookTable } from './store/webhook-table';
import { CreateWebhooks } from './use-cases/create-webhooks';
import { DeleteWebhooks } from './use-cases/delete-webhooks';
import { GetWebhook } from './use-cases/get-webhook';
import { ListWebhooks } from './use-cases/list-webhooks';
import { UpdateWebhooks } from './use-cases/update-webhooks';

/** NetBox 3.6's webhook API over the registry's event-sourced webhooks. */
@Module({})
export class WebhooksModule {
  static forSchema(schema: string): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhooksController],
      providers: [
        { provide: REGISTRY_SCHEMA, useValue: schema },
        WebhookTable,
        WebhookRepository,
        ListWebhooks,
        GetWebhook,
        CreateWebhooks,
        UpdateWebhooks,
        DeleteWebhooks,
      ],
    };
  }
}
