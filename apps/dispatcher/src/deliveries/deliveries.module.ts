import { Module } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { WEBHOOK_COMMANDS_TOPIC } from '@validity/contracts';
import { EventProducer, InternalRecordAuthenticator, KAFKA } from '@validity/platform/kafka';
import { WebhookRecoveryController } from '../auto-disable/api/webhook-recovery.controller';
import { RecoverableDeliveries } from '../auto-disable/domain/recoverable-deliveries';
import { RecoveredDeliveryPublisher } from '../auto-disable/recovered-delivery-publisher';
import { FailureStreakStore } from '../auto-disable/store/failure-streak-store';
import { WebhookFailureWatch } from '../auto-disable/webhook-failure-watch';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config';
import { DispatcherMetrics } from '../metrics/dispatcher-metrics';
import { MetricsModule } from '../metrics/metrics.module';
import { WebhookSender } from '../sending/webhook-sender';
import { WebhookView } from '../webhook-view/webhook-view';
import { WebhookViewModule } from '../webhook-view/webhook-view.module';
import { WebhookViewProjection } from '../webhook-view/webhook-view.projection';
import { DeliveriesController } from './api/deliveries.controller';
import { SigningKeysController } from '../signing/api/signing-keys.controller';
import { SigningKeyStore } from '../signing/store/signing-key-store';
import { RateBucketStore } from '../scheduling/store/rate-bucket-store';
import { DeliveryHealth } from './api/delivery-health';
import { DeliveryLog } from './api/delivery-log';
import { SendTestEvent } from './api/send-test-event';
import { TestEventController } from './api/test-event.controller';
import { DeliveriesLifecycle } from './deliveries.lifecycle';
import { DeliverySignals } from './delivery-signals';
import { EventIntake } from './intake/event-intake';
import { PlanDeliveries } from './intake/plan-deliveries';
import { DeliveryLogReader } from './store/delivery-log-reader';
import { DeliveryStore } from './store/delivery-store';
import { SqlClient } from '../storage/sql-client';
import { AttemptRecorder } from './worker/attempt-recorder';
import { DeadLetterPublisher } from './worker/dead-letter-publisher';
import { DeliveryAttempts } from './worker/delivery-attempts';
import { DeliveryLogRetention } from './worker/delivery-log-retention';
import { DeliveryEngine } from './worker/delivery-engine';
import { leaseSecondsOf } from './worker/attempt-lease';
import { UnstoredClaims } from './worker/unstored-claims';

/** Five days: Svix's and Hook0's customary period before a failing endpoint is disabled. */
const DEFAULT_AUTO_DISABLE_SECONDS = 432_000;

/** Consuming, scheduling, sending and logging deliveries. */
@Module({
  imports: [WebhookViewModule, MetricsModule],
  // The fixed paths (test/, signing-keys/) before the resource's `:id` routes and its 405 policy.
  controllers: [TestEventController, SigningKeysController, WebhookRecoveryController, DeliveriesController],
  providers: [
    {
      provide: SqlClient,
      inject: [DataSource, DISPATCHER_CONFIG],
      useFactory: (dataSource: DataSource, config: DispatcherConfig) =>
        new SqlClient(dataSource, config.database.schema),
    },
    { provide: DeliveryStore, inject: [SqlClient], useFactory: (sql: SqlClient) => new DeliveryStore(sql) },
    { provide: RecoverableDeliveries, useExisting: DeliveryStore },
    {
      provide: SigningKeyStore,
      inject: [SqlClient],
      useFactory: (sql: SqlClient) => new SigningKeyStore(sql),
    },
    {
      provide: WebhookSender,
      inject: [DISPATCHER_CONFIG],
      useFactory: ({ delivery }: DispatcherConfig) =>
        new WebhookSender({
          blockPrivateAddresses: delivery.blockPrivateAddresses,
          allowNetworks: delivery.allowNetworks,
          connectionsPerOrigin: delivery.concurrency,
          ...(delivery.proxy ? { proxy: delivery.proxy } : {}),
        }),
    },
    { provide: EventProducer, inject: [KAFKA], useFactory: (kafka: Kafka) => EventProducer.connect(kafka) },
    DeliverySignals,
    {
      provide: DeadLetterPublisher,
      inject: [DeliveryStore, EventProducer, DISPATCHER_CONFIG, DeliverySignals],
      useFactory: (
        store: DeliveryStore,
        producer: EventProducer,
        config: DispatcherConfig,
        signals: DeliverySignals,
      ) => new DeadLetterPublisher(store, producer, config.topics.deadLetter, signals),
    },
    {
      provide: UnstoredClaims,
      inject: [DeliveryStore, WebhookView],
      useFactory: (store: DeliveryStore, view: WebhookView) =>
        new UnstoredClaims(store, (webhookId) =>
          leaseSecondsOf(view.get(webhookId)?.definition ?? { timeout: null }),
        ),
    },
    {
      provide: AttemptRecorder,
      inject: [DeliveryStore, DeliverySignals, UnstoredClaims],
      useFactory: (store: DeliveryStore, signals: DeliverySignals, unstored: UnstoredClaims) =>
        new AttemptRecorder(store, signals, unstored),
    },
    {
      provide: WebhookFailureWatch,
      inject: [SqlClient, EventProducer, InternalRecordAuthenticator, DISPATCHER_CONFIG, WebhookView],
      useFactory: (
        sql: SqlClient,
        producer: EventProducer,
        authenticator: InternalRecordAuthenticator,
        config: DispatcherConfig,
        view: WebhookView,
      ) =>
        new WebhookFailureWatch(
          new FailureStreakStore(sql),
          producer,
          authenticator,
          {
            autoDisableAfterMs:
              (config.delivery.autoDisableAfterSeconds ?? DEFAULT_AUTO_DISABLE_SECONDS) * 1000,
            commandsTopic: config.topics.webhookCommands ?? WEBHOOK_COMMANDS_TOPIC,
          },
          view,
        ),
    },
    {
      provide: DeliveryAttempts,
      inject: [
        WebhookView,
        WebhookSender,
        UnstoredClaims,
        AttemptRecorder,
        DISPATCHER_CONFIG,
        DispatcherMetrics,
        SigningKeyStore,
        WebhookFailureWatch,
      ],
      useFactory: (
        view: WebhookView,
        sender: WebhookSender,
        unstored: UnstoredClaims,
        recorder: AttemptRecorder,
        config: DispatcherConfig,
        metrics: DispatcherMetrics,
        signingKeys: SigningKeyStore,
        failureWatch: WebhookFailureWatch,
      ) =>
        new DeliveryAttempts(
          view,
          sender,
          unstored,
          recorder,
          config.delivery,
          metrics,
          Math.random,
          signingKeys,
          failureWatch,
        ),
    },
    {
      provide: DeliveryEngine,
      inject: [
        WebhookView,
        DeliveryStore,
        DeliveryAttempts,
        DISPATCHER_CONFIG,
        DeliverySignals,
        UnstoredClaims,
        SqlClient,
      ],
      useFactory: (
        view: WebhookView,
        store: DeliveryStore,
        attempts: DeliveryAttempts,
        config: DispatcherConfig,
        signals: DeliverySignals,
        unstored: UnstoredClaims,
        sql: SqlClient,
      ) =>
        new DeliveryEngine(
          view,
          store,
          attempts,
          config.delivery,
          signals,
          unstored,
          new RateBucketStore(sql),
        ),
    },
    {
      provide: PlanDeliveries,
      inject: [WebhookView, WebhookViewProjection, DeliveryStore, DeliverySignals, DeliveryEngine],
      useFactory: (
        view: WebhookView,
        projection: WebhookViewProjection,
        store: DeliveryStore,
        signals: DeliverySignals,
        engine: DeliveryEngine,
      ) => new PlanDeliveries(view, () => projection.catchUp(), store, signals, engine),
    },
    {
      provide: EventIntake,
      inject: [KAFKA, DISPATCHER_CONFIG, EventProducer, PlanDeliveries, WebhookView, WebhookViewProjection],
      useFactory: (
        kafka: Kafka,
        config: DispatcherConfig,
        producer: EventProducer,
        plan: PlanDeliveries,
        view: WebhookView,
        projection: WebhookViewProjection,
      ) => new EventIntake(kafka, config, producer, plan, view, () => projection.catchUp()),
    },
    {
      provide: DeliveryLogRetention,
      inject: [DeliveryStore, DISPATCHER_CONFIG],
      useFactory: (store: DeliveryStore, config: DispatcherConfig) =>
        new DeliveryLogRetention(store, config.delivery.logRetentionDays),
    },
    {
      provide: DeliveryLogReader,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new DeliveryLogReader(dataSource),
    },
    {
      provide: DeliveryLog,
      inject: [DeliveryLogReader, DeliveryStore, DeliverySignals],
      useFactory: (reader: DeliveryLogReader, store: DeliveryStore, signals: DeliverySignals) =>
        new DeliveryLog(reader, store, signals),
    },
    {
      provide: DeliveryHealth,
      inject: [DeliveryEngine, DeliveryStore],
      useFactory: (engine: DeliveryEngine, store: DeliveryStore) => new DeliveryHealth(engine, store),
    },
    {
      provide: SendTestEvent,
      inject: [WebhookView, WebhookViewProjection, DeliveryStore, DeliverySignals, DeliveryLog],
      useFactory: (
        view: WebhookView,
        projection: WebhookViewProjection,
        store: DeliveryStore,
        signals: DeliverySignals,
        log: DeliveryLog,
      ) => new SendTestEvent(view, () => projection.catchUp(), store, signals, log),
    },
    DeliveriesLifecycle,
    RecoveredDeliveryPublisher,
  ],
})
export class DeliveriesModule {}
