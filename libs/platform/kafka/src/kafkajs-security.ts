import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { KafkaConnection, KafkaSasl } from '@validity/platform/config';

/**
 * The kafkajs `ssl` and `sasl` options, always both set, so a client never falls back to a library
 * default. Certificate files are read here, when a client is built, so a missing file stops a service
 * at start-up with the file's name.
 */
export function kafkaJsSecurity(connection: KafkaConnection): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const { tls, sasl } = connection;
  return {
    ssl:
      tls === false
        ? false
        : {
            rejectUnauthorized: tls.rejectUnauthorized,
            ...(tls.caFile !== undefined && { ca: [readPem(tls.caFile, 'KAFKA_TLS_CA_FILE')] }),
            ...(tls.certFile !== undefined && { cert: readPem(tls.certFile, 'KAFKA_TLS_CERT_FILE') }),
            ...(tls.keyFile !== undefined && { key: readPem(tls.keyFile, 'KAFKA_TLS_KEY_FILE') }),
          },
    sasl: sasl === false ? undefined : saslOptions(sasl),
  };
}

function saslOptions(sasl: KafkaSasl): SASLOptions {
  return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as SASLOptions;
}

function readPem(file: string, setting: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${setting}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
