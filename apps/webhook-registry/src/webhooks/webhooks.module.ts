import { Module, type DynamicModule } from '@nestjs/common';
import {
  DEFAULT_DESTINATION_POLICY,
  DestinationPolicy,
  type DestinationPolicySettings,
} from '@validity/contracts';
import { WebhooksController } from './api/webhooks.controller';
import { WebhookRepository } from './store/webhook-repository';
import { REGISTRY_SCHEMA, WebhookTable } from './store/webhook-table';
import { CreateWebhooks } from './use-cases/create-webhooks';
import { DeleteWebhooks } from './use-cases/delete-webhooks';
import { GetWebhook } from './use-cases/get-webhook';
import { ListWebhooks } from './use-cases/list-webhooks';
import { UpdateWebhooks } from './use-cases/update-webhooks';
import type { WebhookApiVersion } from './validation/validate-webhook-requests';
import { WEBHOOK_API_VERSION } from './webhook-api-version';

/** NetBox 3.6's webhook API over the registry's event-sourced webhooks. */
@Module({})
export class WebhooksModule {
  static forSchema(
    schema: string,
    destinations: DestinationPolicySettings = DEFAULT_DESTINATION_POLICY,
    apiVersion: WebhookApiVersion = '3.6',
  ): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhooksController],
      providers: [
        { provide: REGISTRY_SCHEMA, useValue: schema },
        { provide: WEBHOOK_API_VERSION, useValue: apiVersion },
        { provide: DestinationPolicy, useValue: new DestinationPolicy(destinations) },
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
