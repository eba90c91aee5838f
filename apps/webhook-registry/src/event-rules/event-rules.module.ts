import { Module, type DynamicModule } from '@nestjs/common';
import { EventRuleWebhookStore } from '../webhooks/store/event-rule-webhook-store';
import { WebhookRepository } from '../webhooks/store/webhook-repository';
import { REGISTRY_SCHEMA, WebhookTable } from '../webhooks/store/webhook-table';
import { EventRulesController } from './api/event-rules.controller';
import { EventRuleWebhooks } from './domain/event-rule-webhooks';
import { CreateEventRule } from './use-cases/create-event-rule';
import { DeleteEventRule } from './use-cases/delete-event-rule';
import { GetEventRule } from './use-cases/get-event-rule';
import { ListEventRules } from './use-cases/list-event-rules';
import { UpdateEventRule } from './use-cases/update-event-rule';

/**
 * NetBox 4.6's event rule API over the registry's webhooks: a rule is the trigger half of its webhook,
 * stored in the webhook's row and stream, so `NETBOX_API_VERSION` changes only how they are shown.
 */
@Module({})
export class EventRulesModule {
  static forSchema(schema: string): DynamicModule {
    return {
      module: EventRulesModule,
      controllers: [EventRulesController],
      providers: [
        { provide: REGISTRY_SCHEMA, useValue: schema },
        WebhookTable,
        WebhookRepository,
        { provide: EventRuleWebhooks, useClass: EventRuleWebhookStore },
        ListEventRules,
        GetEventRule,
        CreateEventRule,
        UpdateEventRule,
        DeleteEventRule,
      ],
    };
  }
}
