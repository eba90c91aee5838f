import type { KafkaConnection } from '@validity/platform/config';

/**
 * kcat (librdkafka) options that reach the cluster our clients reach: bootstrap servers, TLS and SASL as
 * in `KafkaConnection`, so the real-client checks run against a secured cluster too. librdkafka reads
 * the PEM files itself.
 */
export function kcatConnectionArgs(connection: KafkaConnection): string[] {
  const { tls, sasl } = connection;
  const protocol = `${sasl === false ? '' : 'SASL_'}${tls === false ? 'PLAINTEXT' : 'SSL'}`;
  const set = (name: string, value: string | undefined) =>
    value === undefined ? [] : ['-X', `${name}=${value}`];
  return [
    '-b',
    connection.brokers,
    ...set('security.protocol', protocol),
    ...(tls === false
      ? []
      : [
          ...set('ssl.ca.location', tls.caFile),
          ...set('ssl.certificate.location', tls.certFile),
          ...set('ssl.key.location', tls.keyFile),
          ...set('enable.ssl.certificate.verification', String(tls.rejectUnauthorized)),
        ]),
    ...(sasl === false
      ? []
      : [
          ...set('sasl.mechanisms', sasl.mechanism.toUpperCase()),
          ...set('sasl.username', sasl.username),
          ...set('sasl.password', sasl.password),
        ]),
  ];
}
