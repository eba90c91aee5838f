import type { LogLevel, PlatformEnv } from './platform.env';

/** The typed shape every backend service's config reduces to. */
export interface ServiceConfig {
  http: { name: string; host: string; port: number; logLevel: LogLevel };
  database: { url: string; schema: string };
  kafka: { brokers: string; clientId: string };
  auth: { adminToken: string | undefined };
}

export function toServiceConfig(name: string, schema: string, port: number, env: PlatformEnv): ServiceConfig {
  return Object.freeze({
    http: { name, host: env.HOST, port, logLevel: env.LOG_LEVEL },
    database: { url: env.DATABASE_URL, schema },
    kafka: { brokers: env.KAFKA_BROKERS, clientId: name },
    auth: { adminToken: env.ADMIN_TOKEN },
  });
}
