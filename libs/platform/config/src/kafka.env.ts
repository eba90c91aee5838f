import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, ValidateBy, ValidateIf } from 'class-validator';
import {
  KAFKA_SASL_MECHANISMS,
  kafkaSasl,
  type KafkaConnection,
  type KafkaSaslMechanism,
} from './kafka-connection';

/** From the raw text: implicit conversion would read the string "false" as true. Empty means unset. */
const BooleanText = (unset: boolean) =>
  Transform(({ obj, key }) => {
    const raw = (obj as Record<string, unknown>)[key];
    return raw === 'true' ? true : raw === 'false' ? false : raw === undefined || raw === '' ? unset : raw;
  });

/** `KEY=` (as docker compose passes `${KEY:-}`) means unset, not an empty user name or file. */
const EmptyAsUnset = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

const hasSaslSetting = (env: KafkaEnv) =>
  [env.KAFKA_SASL_MECHANISM, env.KAFKA_SASL_USERNAME, env.KAFKA_SASL_PASSWORD].some(
    (value) => value !== undefined,
  );
/** A certificate file with TLS off is a mistake that would silently connect in clear. */
const RequiresTls = () =>
  ValidateBy({
    name: 'requiresTls',
    validator: {
      validate: (_value, args) => (args?.object as KafkaEnv).KAFKA_TLS === true,
      defaultMessage: (args) => `KAFKA_TLS must be true when ${args?.property} is set`,
    },
  });

/**
 * How every service and tool reaches Kafka. Nothing is left to kafkajs defaults: unset TLS means
 * plaintext, unset SASL means no authentication, both stated explicitly to the client.
 */
export class KafkaEnv {
  /** Comma-separated Kafka bootstrap servers. */
  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  /** `PLAIN`, `SCRAM-SHA-256` or `SCRAM-SHA-512` (any case); unset: no SASL. */
  @Transform(({ value }: { value: unknown }) =>
    value === '' ? undefined : typeof value === 'string' ? value.toLowerCase() : value,
  )
  @ValidateIf(hasSaslSetting)
  @IsIn(KAFKA_SASL_MECHANISMS, {
    message:
      'KAFKA_SASL_MECHANISM must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 when SASL credentials are set',
  })
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;

  @EmptyAsUnset()
  @ValidateIf(hasSaslSetting)
  @IsString()
  @IsNotEmpty({ message: 'KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_USERNAME?: string;

  @EmptyAsUnset()
  @ValidateIf(hasSaslSetting)
  @IsString()
  @IsNotEmpty({ message: 'KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_PASSWORD?: string;

  /** TLS to the brokers (a `SSL` or `SASL_SSL` listener). */
  @BooleanText(false)
  @IsBoolean({ message: 'KAFKA_TLS must be true or false' })
  KAFKA_TLS: boolean = false;

  /** PEM file of the CA(s) that signed the brokers' certificates; unset: Node's trust store. */
  @EmptyAsUnset()
  @IsOptional()
  @IsString()
  @RequiresTls()
  KAFKA_TLS_CA_FILE?: string;

  /** PEM client certificate, for brokers that require mutual TLS (`ssl.client.auth=required`). */
  @EmptyAsUnset()
  @ValidateIf(
    (env: KafkaEnv) => env.KAFKA_TLS_KEY_FILE !== undefined || env.KAFKA_TLS_CERT_FILE !== undefined,
  )
  @IsString({ message: 'KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE go together' })
  @RequiresTls()
  KAFKA_TLS_CERT_FILE?: string;

  @EmptyAsUnset()
  @ValidateIf(
    (env: KafkaEnv) => env.KAFKA_TLS_KEY_FILE !== undefined || env.KAFKA_TLS_CERT_FILE !== undefined,
  )
  @IsString({ message: 'KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE go together' })
  @RequiresTls()
  KAFKA_TLS_KEY_FILE?: string;

  /** false accepts any broker certificate; only for a test cluster with a throw-away certificate. */
  @BooleanText(true)
  @IsBoolean({ message: 'KAFKA_TLS_REJECT_UNAUTHORIZED must be true or false' })
  KAFKA_TLS_REJECT_UNAUTHORIZED: boolean = true;
}

/**
 * The validated settings as the connection every Kafka client of ours is built from (a partial literal,
 * in tests, means plaintext without SASL).
 */
export function toKafkaConnection(env: Pick<KafkaEnv, 'KAFKA_BROKERS'> & Partial<KafkaEnv>): KafkaConnection {
  return Object.freeze({
    brokers: env.KAFKA_BROKERS,
    tls: env.KAFKA_TLS
      ? Object.freeze({
          caFile: env.KAFKA_TLS_CA_FILE,
          certFile: env.KAFKA_TLS_CERT_FILE,
          keyFile: env.KAFKA_TLS_KEY_FILE,
          rejectUnauthorized: env.KAFKA_TLS_REJECT_UNAUTHORIZED ?? true,
        })
      : false,
    sasl:
      env.KAFKA_SASL_MECHANISM === undefined
        ? false
        : kafkaSasl(env.KAFKA_SASL_MECHANISM, env.KAFKA_SASL_USERNAME!, env.KAFKA_SASL_PASSWORD!),
  });
}

/**
 * The `KAFKA_*` keys that make `loadKafkaConnection` return this connection: what a launcher hands the
 * processes it starts, so they reach exactly the cluster it set up (and not, say, a TLS setting meant
 * for another cluster). Keys that do not apply are `undefined`, which removes an inherited value.
 */
export function kafkaConnectionEnv(connection: KafkaConnection): Record<string, string | undefined> {
  const { tls, sasl } = connection;
  return {
    KAFKA_BROKERS: connection.brokers,
    KAFKA_TLS: String(tls !== false),
    KAFKA_TLS_CA_FILE: tls === false ? undefined : tls.caFile,
    KAFKA_TLS_CERT_FILE: tls === false ? undefined : tls.certFile,
    KAFKA_TLS_KEY_FILE: tls === false ? undefined : tls.keyFile,
    KAFKA_TLS_REJECT_UNAUTHORIZED: String(tls === false || tls.rejectUnauthorized),
    KAFKA_SASL_MECHANISM: sasl === false ? undefined : sasl.mechanism,
    KAFKA_SASL_USERNAME: sasl === false ? undefined : sasl.username,
    KAFKA_SASL_PASSWORD: sasl === false ? undefined : sasl.password,
  };
}
