import { Inject, Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { createKafka } from './kafka-client';

export const KAFKA = Symbol('KAFKA');

/** Provides the service's kafkajs client under the `KAFKA` token. */
@Module({})
export class KafkaModule {
  static forService(brokers: string, clientId: string): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [{ provide: KAFKA, useValue: createKafka(brokers, clientId) }],
      exports: [KAFKA],
    };
  }
}

export const InjectKafka = (): ParameterDecorator => Inject(KAFKA);
export type { Kafka };
