import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { EventProducer, InternalRecordAuthenticator, KAFKA } from '@validity/platform/kafka';
import { OutboxRelay } from './outbox-relay';

export interface EventStoreOptions {
  schema: string;
  databaseUrl: string;
}

/** Runs the service's outbox relay from start to shutdown (the store itself is its migration's tables). */
@Module({})
export class EventStoreModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer: EventProducer | undefined;
  private relay: OutboxRelay | undefined;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject('EVENT_STORE_OPTIONS') private readonly options: EventStoreOptions,
    @Inject(InternalRecordAuthenticator) private readonly authenticator: InternalRecordAuthenticator,
  ) {}

  static forService(options: EventStoreOptions): DynamicModule {
    return { module: EventStoreModule, providers: [{ provide: 'EVENT_STORE_OPTIONS', useValue: options }] };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.producer = await EventProducer.connect(this.kafka);
    this.relay = new OutboxRelay({
      ...this.options,
      dataSource: this.dataSource,
      producer: this.producer,
      authenticator: this.authenticator,
    });
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer?.disconnect();
  }
}
