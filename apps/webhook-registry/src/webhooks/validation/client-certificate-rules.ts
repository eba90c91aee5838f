import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { WebhookSettings } from '../domain/webhook';

export const CLIENT_CERTIFICATE_MESSAGES = {
  pair: 'Set client_cert_path and client_key_path together.',
  absolute: 'Must be an absolute path on the dispatcher host.',
  notCertificate: 'This file is not a PEM certificate.',
  notKey: 'This file is not an unencrypted PEM private key.',
  keyMismatch: 'This key does not belong to the certificate in client_cert_path.',
  expired: 'This certificate has expired.',
} as const;

type ClientCertificateFields = Pick<WebhookSettings, 'client_cert_path' | 'client_key_path'>;

/**
 * The write-time checks of a webhook's client certificate (mTLS), for the merged settings:
 * both paths or neither, absolute paths, and, when the files are readable on this host (the usual
 * single-host install), a PEM certificate that has not expired and the private key that belongs to it.
 * A path this host cannot read is accepted: the files live on the dispatcher's host, which may be
 * another one (as `ca_file_path`); the dispatcher then reports a bad file on each attempt.
 */
export function clientCertificateErrors(
  settings: ClientCertificateFields,
): Record<string, string[]> | undefined {
  const certPath = settings.client_cert_path || null;
  const keyPath = settings.client_key_path || null;
  if (certPath === null && keyPath === null) return undefined;
  if (certPath === null) return { client_cert_path: [CLIENT_CERTIFICATE_MESSAGES.pair] };
  if (keyPath === null) return { client_key_path: [CLIENT_CERTIFICATE_MESSAGES.pair] };
  const errors: Record<string, string[]> = {};
  if (!isAbsolute(certPath)) errors.client_cert_path = [CLIENT_CERTIFICATE_MESSAGES.absolute];
  if (!isAbsolute(keyPath)) errors.client_key_path = [CLIENT_CERTIFICATE_MESSAGES.absolute];
  if (Object.keys(errors).length > 0) return errors;

  const certText = readableText(certPath);
  const keyText = readableText(keyPath);
  let certificate: X509Certificate | undefined;
  if (certText !== undefined) {
    try {
      certificate = new X509Certificate(certText);
    } catch {
      return { client_cert_path: [CLIENT_CERTIFICATE_MESSAGES.notCertificate] };
    }
    if (Date.parse(certificate.validTo) < Date.now()) {
      return { client_cert_path: [CLIENT_CERTIFICATE_MESSAGES.expired] };
    }
  }
  if (keyText === undefined) return undefined;
  let key;
  try {
    key = createPrivateKey(keyText);
  } catch {
    return { client_key_path: [CLIENT_CERTIFICATE_MESSAGES.notKey] };
  }
  if (certificate && !certificate.checkPrivateKey(key)) {
    return { client_key_path: [CLIENT_CERTIFICATE_MESSAGES.keyMismatch] };
  }
  return undefined;
}

/** The file's text, or undefined when this host cannot read it. */
function readableText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
