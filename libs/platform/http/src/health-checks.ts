import type { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { HealthCheck } from './health.controller';

export function postgresHealthCheck(dataSource: DataSource): HealthCheck {
  return { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) };
}

export function kafkaHealthCheck(kafka: Kafka): HealthCheck {
  return {
    name: 'kafka',
    check: async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        await admin.describeCluster();
      } finally {
        await admin.disconnect();
      }
    },
  };
}
