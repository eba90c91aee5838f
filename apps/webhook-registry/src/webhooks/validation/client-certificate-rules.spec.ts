import { TestCertificateAuthority } from '@validity/testing';
import { CLIENT_CERTIFICATE_MESSAGES, clientCertificateErrors } from './client-certificate-rules';

describe('clientCertificateErrors (mTLS paths, checked when a webhook is written)', () => {
  let authority: TestCertificateAuthority;
  let client: { certPath: string; keyPath: string };
  let other: { certPath: string; keyPath: string };

  beforeAll(() => {
    authority = new TestCertificateAuthority();
    client = authority.issueClient('client');
    other = authority.issueClient('other');
  });
  afterAll(() => authority.close());

  const check = (certPath: string | null, keyPath: string | null) =>
    clientCertificateErrors({ client_cert_path: certPath, client_key_path: keyPath });

  it('accepts neither, and a matching certificate and key', () => {
    expect(check(null, null)).toBeUndefined();
    expect(check('', '')).toBeUndefined();
    expect(check(client.certPath, client.keyPath)).toBeUndefined();
  });

  it('wants both paths', () => {
    expect(check(client.certPath, null)).toEqual({ client_key_path: [CLIENT_CERTIFICATE_MESSAGES.pair] });
    expect(check(null, client.keyPath)).toEqual({ client_cert_path: [CLIENT_CERTIFICATE_MESSAGES.pair] });
  });

  it('wants absolute paths', () => {
    expect(check('cert.pem', 'key.pem')).toEqual({
      client_cert_path: [CLIENT_CERTIFICATE_MESSAGES.absolute],
      client_key_path: [CLIENT_CERTIFICATE_MESSAGES.absolute],
    });
  });

  it('refuses a key that does not belong to the certificate, and files of the wrong kind', () => {
    expect(check(client.certPath, other.keyPath)).toEqual({
      client_key_path: [CLIENT_CERTIFICATE_MESSAGES.keyMismatch],
    });
    expect(check(client.keyPath, client.keyPath)).toEqual({
      client_cert_path: [CLIENT_CERTIFICATE_MESSAGES.notCertificate],
    });
    expect(check(client.certPath, client.certPath)).toEqual({
      client_key_path: [CLIENT_CERTIFICATE_MESSAGES.notKey],
    });
  });

  it('accepts paths this host cannot read (they live on the dispatcher host)', () => {
    expect(check('/nonexistent/dispatcher/cert.pem', '/nonexistent/dispatcher/key.pem')).toBeUndefined();
  });
});
