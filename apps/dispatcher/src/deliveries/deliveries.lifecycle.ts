import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { committedGroupLag, ConsumerLagRegistry, EventProducer, KAFKA } from '@validity/platform/kafka';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config';
import { CIRCUIT_STATE_VALUE, DispatcherMetrics } from '../metrics/dispatcher-metrics';
import { WebhookSender } from '../sending/webhook-sender';
import { consumerLag } from './intake/consumer-lag';
import { EventIntake } from './intake/event-intake';
import { DeliveryStore } from './store/delivery-store';
import { AttemptRecorder } from './worker/attempt-recorder';
import { DeadLetterPublisher } from './worker/dead-letter-publisher';
import { DeliveryLogRetention } from './worker/delivery-log-retention';
import { DeliveryEngine } from './worker/delivery-engine';

/**
 * Starts the delivery machinery once the app is wired (the webhook view is complete by then) and stops
 * it in dependency order before connections close: no new events, then the attempts in flight finish
 * and are recorded, then what failed is dead-lettered.
 */
@Injectable()
export class DeliveriesLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(EventIntake) private readonly intake: EventIntake,
    @Inject(DeliveryEngine) private readonly engine: DeliveryEngine,
    @Inject(AttemptRecorder) private readonly recorder: AttemptRecorder,
    @Inject(DeadLetterPublisher) private readonly deadLetters: DeadLetterPublisher,
    @Inject(DeliveryLogRetention) private readonly retention: DeliveryLogRetention,
    @Inject(WebhookSender) private readonly sender: WebhookSender,
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Inject(DeliveryStore) store: DeliveryStore,
    @Inject(DispatcherMetrics) metrics: DispatcherMetrics,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(DISPATCHER_CONFIG) config: DispatcherConfig,
    @Inject(ConsumerLagRegistry) lag: ConsumerLagRegistry,
  ) {
    lag.register(config.consumerGroup, () =>
      committedGroupLag(kafka, config.consumerGroup, config.topics.events),
    );
    metrics.gauge(
      'validity_dispatcher_backlog_deliveries',
      'Deliveries pending or retrying.',
      [],
      async () => [[{}, (await store.backlog()).count]],
    );
    metrics.gauge(
      'validity_dispatcher_backlog_oldest_age_seconds',
      'Age of the oldest delivery pending or retrying.',
      [],
      async () => [[{}, (await store.backlog()).oldestAgeSeconds]],
    );
    metrics.gauge(
      'validity_dispatcher_consumer_lag_records',
      'Records of each event topic partition not yet consumed by the dispatcher group.',
      ['topic', 'partition'],
      () => consumerLag(kafka, config.consumerGroup, config.topics.events),
    );
    metrics.gauge('validity_dispatcher_requests_in_flight', 'Webhook requests in flight.', [], () =>
      Promise.resolve([[{}, engine.inFlight()]]),
    );
    metrics.gauge('validity_dispatcher_open_circuits', 'Webhooks whose circuit breaker is open.', [], () =>
      Promise.resolve([[{}, engine.openCircuits()]]),
    );
    metrics.gauge(
      'validity_dispatcher_circuit_state',
      "Each webhook's circuit breaker: 0 closed, 1 half-open (one probe allowed), 2 open (nothing sent).",
      ['webhook_id'],
      () =>
        Promise.resolve(
          engine
            .circuitStates()
            .map(
              ([webhookId, state]) =>
                [{ webhook_id: String(webhookId) }, CIRCUIT_STATE_VALUE[state]] as const,
            ),
        ),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    this.engine.start();
    this.deadLetters.start();
    this.retention.start();
    await this.intake.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.intake.stop();
    await this.engine.stop();
    await this.recorder.drain();
    await this.deadLetters.stop();
    this.retention.stop();
    await this.sender.close();
    await this.producer.disconnect();
  }
}
