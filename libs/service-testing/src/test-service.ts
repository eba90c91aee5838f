import type { DynamicModule, INestApplication } from '@nestjs/common';
import { toServiceConfig, type ServiceConfig } from '@validity/platform/config';
import { bootstrapService, type BootstrapOptions } from '@validity/platform/http';
import { testInfrastructure, uniqueName } from '@validity/testing';

/** The admin token every in-process test service accepts. */
export const TEST_ADMIN_TOKEN = '7e57ab1e7e57ab1e7e57ab1e7e57ab1e7e57ab1e';

export interface TestService {
  app: INestApplication;
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  config: ServiceConfig;
  /** `Authorization` header value for the admin. */
  auth: string;
  close(): Promise<void>;
}

/**
 * Config for one service under test: the run's real Kafka and PostgreSQL, and a schema of its own, so
 * specs of the same service never see each other's rows.
 */
export function testServiceConfig(name: string, overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  const { kafka, databaseUrl, internalTopicHmacKey } = testInfrastructure();
  const base = toServiceConfig(name, uniqueName(name.replace(/-/g, '_')), 0, {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafka.brokers,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    INTERNAL_TOPIC_HMAC_KEY: internalTopicHmacKey,
  });
  // The run's TLS / SASL settings, if any (a spec may still override the whole kafka block).
  return { ...base, kafka: { ...base.kafka, tls: kafka.tls, sasl: kafka.sasl }, ...overrides };
}

/** Boots a service's real root module in this process on a free port, exactly as its main.ts does. */
export async function startTestService(
  rootModule: DynamicModule,
  config: ServiceConfig,
  options: BootstrapOptions = {},
): Promise<TestService> {
  const app = await bootstrapService(rootModule, config.http, options);
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    config,
    auth: `Token ${TEST_ADMIN_TOKEN}`,
    close: () => app.close(),
  };
}
