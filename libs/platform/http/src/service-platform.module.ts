import { Module, type DynamicModule } from '@nestjs/common';
import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import { AuthModule } from '@validity/platform/auth';
import type { Kafka } from 'kafkajs';
import type { ServiceConfig } from '@validity/platform/config';
import { DatabaseModule } from '@validity/platform/database';
import { KAFKA, KafkaModule } from '@validity/platform/kafka';
import { MetricsModule } from '@validity/platform/metrics';
import { kafkaHealthCheck, postgresHealthCheck } from './health-checks';
import { HealthModule } from './health.module';

export interface ServiceSchema {
  migrations: Array<new () => MigrationInterface>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own option type
  entities?: Array<Function | EntitySchema>;
}

/**
 * What every backend service stands on: its schema (migrated), its Kafka client, token authentication
 * from its own copy of the token directory, `GET /health` and `GET /metrics`.
 */
@Module({})
export class ServicePlatformModule {
  static forService(config: ServiceConfig, schema: ServiceSchema): DynamicModule {
    return {
      module: ServicePlatformModule,
      imports: [
        DatabaseModule.forService({ ...config.database, ...schema }),
        KafkaModule.forService({
          connection: config.kafka,
          clientId: config.kafka.clientId,
          internalTopicHmacKey: config.kafka.internalTopicHmacKey,
        }),
        MetricsModule.forService(config.http.name),
        AuthModule.forService({ serviceName: config.http.name, adminToken: config.auth.adminToken }),
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
