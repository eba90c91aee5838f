import { Inject, Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { createKafka } from './kafka-client';
import type { KafkaConnection } from '@validity/platform/config';
import { ConsumerLagRegistry } from './consumer-lag-registry';
import { InternalRecordAuthenticator } from './internal-record-authenticator';

export const KAFKA = Symbol('KAFKA');

export interface KafkaServiceOptions {
  connection: KafkaConnection;
  clientId: string;
  /** `INTERNAL_TOPIC_HMAC_KEY`; a service does not start without it. */
  internalTopicHmacKey: string | undefined;
}

/**
 * Provides the service's kafkajs client under the `KAFKA` token, the `InternalRecordAuthenticator`
 * that signs and checks records of the internal topics, and the `ConsumerLagRegistry` its consumers
 * report their lag to.
 */
@Module({})
export class KafkaModule {
  static forService(options: KafkaServiceOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [
        { provide: KAFKA, useValue: createKafka(options.connection, options.clientId) },
        {
          provide: InternalRecordAuthenticator,
          useValue: new InternalRecordAuthenticator(options.internalTopicHmacKey),
        },
        { provide: ConsumerLagRegistry, useValue: new ConsumerLagRegistry() },
      ],
      exports: [KAFKA, InternalRecordAuthenticator, ConsumerLagRegistry],
    };
  }
}

export const InjectKafka = (): ParameterDecorator => Inject(KAFKA);
export type { Kafka };
