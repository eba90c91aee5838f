import { Module } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { EventProducer, KAFKA } from '@validity/platform/kafka';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config';
import { DispatcherMetrics } from '../metrics/dispatcher-metrics';
import { MetricsModule } from '../metrics/metrics.module';
import { WebhookSender } from '../sending/webhook-sender';
import { WebhookView } from '../webhook-view/webhook-view';
import { WebhookViewModule } from '../webhook-view/webhook-view.module';
import { WebhookViewProjection } from '../webhook-view/webhook-view.projection';
import { DeliveriesController } from './api/deliveries.controller';
import { DeliveryLog } from './api/delivery-log';
import { DeliveriesLifecycle } from './deliveries.lifecycle';
import { EventIntake } from './intake/event-intake';
import { PlanDeliveries } from './intake/plan-deliveries';
import { DeliveryStore } from './store/delivery-store';
import { SqlClient } from './store/sql-client';
import { AttemptRecorder } from './worker/attempt-recorder';
import { DeadLetterPublisher } from './worker/dead-letter-publisher';
import { DeliveryAttempts } from './worker/delivery-attempts';
import { DeliveryLogRetention } from './worker/delivery-log-retention';
import { DeliveryScheduler } from './worker/delivery-scheduler';

/** Consuming, scheduling, sending and logging deliveries. */
@Module({
  imports: [WebhookViewModule, MetricsModule],
  controllers: [DeliveriesController],
  providers: [
    {
      provide: SqlClient,
      inject: [DataSource, DISPATCHER_CONFIG],
      useFactory: (dataSource: DataSource, config: DispatcherConfig) =>
        new SqlClient(dataSource, config.database.schema),
    },
    { provide: DeliveryStore, inject: [SqlClient], useFactory: (sql: SqlClient) => new DeliveryStore(sql) },
    {
      provide: WebhookSender,
      inject: [DISPATCHER_CONFIG],
      useFactory: ({ delivery }: DispatcherConfig) =>
        new WebhookSender({
          blockPrivateAddresses: delivery.blockPrivateAddresses,
          allowNetworks: delivery.allowNetworks,
          connectionsPerOrigin: delivery.concurrency,
        }),
    },
    { provide: EventProducer, inject: [KAFKA], useFactory: (kafka: Kafka) => EventProducer.connect(kafka) },
    {
      provide: DeadLetterPublisher,
      inject: [DeliveryStore, EventProducer, DISPATCHER_CONFIG],
      useFactory: (store: DeliveryStore, producer: EventProducer, config: DispatcherConfig) =>
        new DeadLetterPublisher(store, producer, config.topics.deadLetter),
    },
    {
      provide: AttemptRecorder,
      inject: [DeliveryStore, DeadLetterPublisher],
      useFactory: (store: DeliveryStore, deadLetters: DeadLetterPublisher) =>
        new AttemptRecorder(store, (records) => {
          if (records.some((record) => record.status === 'failed')) deadLetters.wake();
        }),
    },
    {
      provide: DeliveryAttempts,
      inject: [
        WebhookView,
        WebhookSender,
        DeliveryStore,
        AttemptRecorder,
        DISPATCHER_CONFIG,
        DispatcherMetrics,
      ],
      useFactory: (
        view: WebhookView,
        sender: WebhookSender,
        store: DeliveryStore,
        recorder: AttemptRecorder,
        config: DispatcherConfig,
        metrics: DispatcherMetrics,
      ) => new DeliveryAttempts(view, sender, store, recorder, config.delivery, metrics),
    },
    {
      provide: DeliveryScheduler,
      inject: [WebhookView, DeliveryStore, DeliveryAttempts, DISPATCHER_CONFIG, DeadLetterPublisher],
      useFactory: (
        view: WebhookView,
        store: DeliveryStore,
        attempts: DeliveryAttempts,
        config: DispatcherConfig,
        deadLetters: DeadLetterPublisher,
      ) => new DeliveryScheduler(view, store, attempts, config.delivery, () => deadLetters.wake()),
    },
    {
      provide: PlanDeliveries,
      inject: [WebhookView, WebhookViewProjection, DeliveryStore, DeliveryScheduler, DeadLetterPublisher],
      useFactory: (
        view: WebhookView,
        projection: WebhookViewProjection,
        store: DeliveryStore,
        scheduler: DeliveryScheduler,
        deadLetters: DeadLetterPublisher,
      ) =>
        new PlanDeliveries(
          view,
          () => projection.catchUp(),
          store,
          scheduler,
          () => deadLetters.wake(),
        ),
    },
    {
      provide: EventIntake,
      inject: [KAFKA, DISPATCHER_CONFIG, EventProducer, PlanDeliveries],
      useFactory: (kafka: Kafka, config: DispatcherConfig, producer: EventProducer, plan: PlanDeliveries) =>
        new EventIntake(kafka, config, producer, plan),
    },
    {
      provide: DeliveryLogRetention,
      inject: [DeliveryStore, DISPATCHER_CONFIG],
      useFactory: (store: DeliveryStore, config: DispatcherConfig) =>
        new DeliveryLogRetention(store, config.delivery.logRetentionDays),
    },
    {
      provide: DeliveryLog,
      inject: [DataSource, SqlClient, DeliveryScheduler],
      useFactory: (dataSource: DataSource, sql: SqlClient, scheduler: DeliveryScheduler) =>
        new DeliveryLog(dataSource, sql, scheduler),
    },
    DeliveriesLifecycle,
  ],
})
export class DeliveriesModule {}
