import { inspect } from 'node:util';
import { kafkaConnectionEnv } from './kafka.env';
import { InvalidConfigError } from './load-config';
import { loadKafkaConnection } from './load-kafka-connection';

const SECURED = {
  KAFKA_BROKERS: 'kafka-1:9094,kafka-2:9094',
  KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
  KAFKA_SASL_USERNAME: 'dispatcher',
  KAFKA_SASL_PASSWORD: 'pa55-w0rd-never-logged',
  KAFKA_TLS: 'true',
  KAFKA_TLS_CA_FILE: '/etc/kafka/ca.pem',
  KAFKA_TLS_REJECT_UNAUTHORIZED: 'true',
};

describe('loadKafkaConnection', () => {
  it('is plaintext without SASL when no security key is set', () => {
    expect(loadKafkaConnection({})).toEqual({ brokers: '127.0.0.1:9092', tls: false, sasl: false });
    expect(loadKafkaConnection({ KAFKA_TLS: 'false' }).tls).toBe(false);
  });

  it('reads empty values (docker compose `${KEY:-}`) as unset', () => {
    const empty = Object.fromEntries(Object.keys(SECURED).map((key) => [key, '']));
    expect(loadKafkaConnection({ ...empty, KAFKA_BROKERS: 'kafka:9092' })).toEqual({
      brokers: 'kafka:9092',
      tls: false,
      sasl: false,
    });
  });

  it('reads SASL (any case) and TLS settings', () => {
    const connection = loadKafkaConnection(SECURED);
    expect(connection.brokers).toBe('kafka-1:9094,kafka-2:9094');
    expect(connection.tls).toEqual({
      caFile: '/etc/kafka/ca.pem',
      certFile: undefined,
      keyFile: undefined,
      rejectUnauthorized: true,
    });
    expect(connection.sasl).toMatchObject({ mechanism: 'scram-sha-512', username: 'dispatcher' });
    expect(connection.sasl && connection.sasl.password).toBe('pa55-w0rd-never-logged');
    expect(loadKafkaConnection({ ...SECURED, KAFKA_TLS_REJECT_UNAUTHORIZED: 'false' }).tls).toMatchObject({
      rejectUnauthorized: false,
    });
  });

  it('never shows the SASL password when the connection is logged or serialized', () => {
    const connection = loadKafkaConnection(SECURED);
    expect(JSON.stringify(connection)).not.toContain('pa55');
    expect(inspect(connection, { depth: 10 })).not.toContain('pa55');
  });

  it('gives back the env keys that load the same connection (what launchers hand their apps)', () => {
    const connection = loadKafkaConnection(SECURED);
    const env = kafkaConnectionEnv(connection);
    const again = loadKafkaConnection(env);
    expect(again).toEqual(connection);
    expect(again.sasl && again.sasl.password).toBe('pa55-w0rd-never-logged');
    expect(kafkaConnectionEnv(loadKafkaConnection({}))).toMatchObject({
      KAFKA_TLS: 'false',
      KAFKA_SASL_MECHANISM: undefined,
    });
  });

  it.each([
    [
      'a mechanism kafkajs does not speak',
      { KAFKA_SASL_MECHANISM: 'GSSAPI', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' },
    ],
    ['credentials without a mechanism', { KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }],
    ['a mechanism without a password', { KAFKA_SASL_MECHANISM: 'PLAIN', KAFKA_SASL_USERNAME: 'u' }],
    ['a CA file with TLS off', { KAFKA_TLS_CA_FILE: '/ca.pem' }],
    ['a client certificate without its key', { KAFKA_TLS: 'true', KAFKA_TLS_CERT_FILE: '/cert.pem' }],
    ['a boolean that is not true or false', { KAFKA_TLS: 'yes' }],
  ])('refuses %s, without quoting any value', (_case, env) => {
    expect.assertions(2);
    try {
      loadKafkaConnection(env);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidConfigError);
      expect((error as Error).message).not.toMatch(/\bp\b|GSSAPI|\/ca\.pem|\/cert\.pem/);
    }
  });
});
