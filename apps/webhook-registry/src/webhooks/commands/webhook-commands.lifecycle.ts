import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { InternalRecordAuthenticator, KAFKA } from '@validity/platform/kafka';
import { WEBHOOK_LIFECYCLE, type WebhookLifecycleSettings } from '../domain/webhook-lifecycle-settings';
import { REGISTRY_SCHEMA } from '../store/webhook-table';
import { DisableWebhook } from '../use-cases/disable-webhook';
import { WebhookCommandsConsumer } from './webhook-commands.consumer';

/**
 * Runs the consumer of the dispatcher's webhook commands while the registry runs. Its consumer group is
 * named after the registry's schema: registries on other schemas (other deployments, test services)
 * hold other webhooks and each reads every command.
 */
@Injectable()
export class WebhookCommandsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumer: WebhookCommandsConsumer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(InternalRecordAuthenticator) authenticator: InternalRecordAuthenticator,
    @Inject(DisableWebhook) disable: DisableWebhook,
    @Inject(WEBHOOK_LIFECYCLE) settings: WebhookLifecycleSettings,
    @Inject(REGISTRY_SCHEMA) schema: string,
  ) {
    this.consumer = new WebhookCommandsConsumer({
      kafka,
      topic: settings.commandsTopic,
      groupId: `webhook-registry-commands-${schema}`,
      authenticator,
      disable,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.consumer.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.consumer.stop();
  }
}
