import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { ConsumerLagRegistry, InternalRecordAuthenticator, KAFKA } from '@validity/platform/kafka';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config';
import { WebhookView } from './webhook-view';
import { WebhookViewProjection } from './webhook-view.projection';

/** The webhook view, complete before anything that matches events starts. */
@Module({
  providers: [
    { provide: WebhookView, useFactory: () => new WebhookView() },
    {
      provide: WebhookViewProjection,
      inject: [KAFKA, WebhookView, DISPATCHER_CONFIG, InternalRecordAuthenticator, ConsumerLagRegistry],
      useFactory: async (
        kafka: Kafka,
        view: WebhookView,
        config: DispatcherConfig,
        authenticator: InternalRecordAuthenticator,
        lag: ConsumerLagRegistry,
      ) => {
        const projection = new WebhookViewProjection({
          kafka,
          view,
          topic: config.topics.webhookDefinitions,
          authenticator,
          deadLetterTopic: config.topics.deadLetter,
        });
        lag.register('dispatcher-webhooks', () => projection.lag());
        await projection.start();
        return projection;
      },
    },
  ],
  exports: [WebhookView, WebhookViewProjection],
})
export class WebhookViewModule implements OnApplicationShutdown {
  constructor(@Inject(WebhookViewProjection) private readonly projection: WebhookViewProjection) {}

  onApplicationShutdown(): Promise<void> {
    return this.projection.stop();
  }
}
