import type { KafkaConnection } from './kafka-connection';
import { toKafkaConnection } from './kafka.env';
import type { LogLevel, NetBoxApiVersion, PlatformEnv } from './platform.env';

/** The typed shape every backend service's config reduces to. */
export interface ServiceConfig {
  /** `netboxApiVersion`: the NetBox the API speaks (`NETBOX_API_VERSION`); absent means 3.6. */
  http: { name: string; host: string; port: number; logLevel: LogLevel; netboxApiVersion?: NetBoxApiVersion };
  database: { url: string; schema: string };
  /** The connection (bootstrap servers, TLS, SASL) plus this service's client id and internal-topic key. */
  kafka: KafkaConnection & { clientId: string; internalTopicHmacKey: string | undefined };
  auth: { adminToken: string | undefined };
}

/**
 * `env` is the validated env class; a partial literal (in tests) takes the class defaults for the Kafka
 * security keys it leaves out.
 */
export function toServiceConfig(
  name: string,
  schema: string,
  port: number,
  env: Pick<PlatformEnv, 'DATABASE_URL' | 'KAFKA_BROKERS' | 'HOST' | 'LOG_LEVEL'> & Partial<PlatformEnv>,
): ServiceConfig {
  return Object.freeze({
    http: {
      name,
      host: env.HOST,
      port,
      logLevel: env.LOG_LEVEL,
      netboxApiVersion: env.NETBOX_API_VERSION ?? '3.6',
    },
    database: { url: env.DATABASE_URL, schema },
    kafka: {
      ...toKafkaConnection(env),
      clientId: name,
      internalTopicHmacKey: env.INTERNAL_TOPIC_HMAC_KEY,
    },
    auth: { adminToken: env.ADMIN_TOKEN },
  });
}
