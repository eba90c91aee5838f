import { Module, type DynamicModule } from '@nestjs/common';
import {
  DEFAULT_DESTINATION_POLICY,
  DestinationPolicy,
  type DestinationPolicySettings,
} from '@validity/contracts';
import { WebhooksController } from './api/webhooks.controller';
import {
  DEFAULT_WEBHOOK_LIFECYCLE,
  WEBHOOK_LIFECYCLE,
  type WebhookLifecycleSettings,
} from './domain/webhook-lifecycle-settings';
import { WebhookRepository } from './store/webhook-repository';
import { REGISTRY_SCHEMA, WebhookTable } from './store/webhook-table';
import { CreateWebhooks } from './use-cases/create-webhooks';
import { DeleteWebhooks } from './use-cases/delete-webhooks';
import { GetWebhook } from './use-cases/get-webhook';
import { ListWebhooks } from './use-cases/list-webhooks';
import { UpdateWebhooks } from './use-cases/update-webhooks';
import { WebhookRequestValidation } from './use-cases/webhook-request-validation';
import type { WebhookApiVersion } from './validation/validate-webhook-requests';
import { WEBHOOK_API_VERSION } from './webhook-api-version';
import { DisableWebhook } from './use-cases/disable-webhook';
import { WebhookCommandsLifecycle } from './commands/webhook-commands.lifecycle';

/** NetBox 3.6's webhook API over the registry's event-sourced webhooks. */
@Module({})
export class WebhooksModule {
  static forSchema(
    schema: string,
    destinations: DestinationPolicySettings = DEFAULT_DESTINATION_POLICY,
    apiVersion: WebhookApiVersion = '3.6',
    lifecycle: WebhookLifecycleSettings = DEFAULT_WEBHOOK_LIFECYCLE,
  ): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhooksController],
      providers: [
        { provide: REGISTRY_SCHEMA, useValue: schema },
        { provide: WEBHOOK_API_VERSION, useValue: apiVersion },
        { provide: DestinationPolicy, useValue: new DestinationPolicy(destinations) },
        { provide: WEBHOOK_LIFECYCLE, useValue: lifecycle },
        WebhookTable,
        WebhookRepository,
        WebhookRequestValidation,
        ListWebhooks,
        GetWebhook,
        CreateWebhooks,
        UpdateWebhooks,
        DeleteWebhooks,
        DisableWebhook,
        WebhookCommandsLifecycle,
      ],
    };
  }
}
