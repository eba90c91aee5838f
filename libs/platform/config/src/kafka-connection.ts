export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** SASL credentials; `password` is not enumerable, so logging or serializing the object never shows it. */
export interface KafkaSasl {
  mechanism: KafkaSaslMechanism;
  username: string;
  readonly password: string;
}

/** TLS to the brokers. Files are PEM; unset ones fall back to Node's trust store / no client certificate. */
export interface KafkaTls {
  caFile: string | undefined;
  certFile: string | undefined;
  keyFile: string | undefined;
  /** false accepts any broker certificate: only for a test cluster with a throw-away certificate. */
  rejectUnauthorized: boolean;
}

/** Where and how every client of ours reaches Kafka: bootstrap servers, TLS, SASL. */
export interface KafkaConnection {
  /** Comma-separated bootstrap servers. */
  brokers: string;
  tls: KafkaTls | false;
  sasl: KafkaSasl | false;
}

/** A cluster reached without TLS or SASL (the bundled broker, the test broker). */
export function plaintextKafka(brokers: string): KafkaConnection {
  return { brokers, tls: false, sasl: false };
}

export function kafkaSasl(mechanism: KafkaSaslMechanism, username: string, password: string): KafkaSasl {
  const sasl = { mechanism, username } as KafkaSasl;
  Object.defineProperty(sasl, 'password', { value: password, enumerable: false });
  return Object.freeze(sasl);
}
