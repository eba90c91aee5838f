import { Module, type DynamicModule } from '@nestjs/common';
import { DataSource, type MigrationInterface } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { ServiceConfig } from '@validity/platform/config';
import { DatabaseModule } from '@validity/platform/database';
import { KAFKA, KafkaModule } from '@validity/platform/kafka';
import { kafkaHealthCheck, postgresHealthCheck } from './health-checks';
import { HealthModule } from './health.module';

/** What every backend service stands on: its schema (migrated), its Kafka client, and `GET /health`. */
@Module({})
export class ServicePlatformModule {
  static forService(config: ServiceConfig, migrations: Array<new () => MigrationInterface>): DynamicModule {
    return {
      module: ServicePlatformModule,
      imports: [
        DatabaseModule.forService({ ...config.database, migrations }),
        KafkaModule.forService(config.kafka.brokers, config.kafka.clientId),
        HealthModule.forService(config.http.name, {
          inject: [DataSource, KAFKA],
          useFactory: (dataSource: DataSource, kafka: Kafka) => [
            postgresHealthCheck(dataSource),
            kafkaHealthCheck(kafka),
          ],
        }),
      ],
    };
  }
}
