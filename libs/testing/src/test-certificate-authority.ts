import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM files of one certificate the test CA signed. */
export interface IssuedCertificate {
  certPath: string;
  keyPath: string;
}

/**
 * A throwaway certificate authority made with `openssl` in a temporary directory: it issues server
 * certificates (for `localhost` and 127.0.0.1) and client certificates, so a test can stand up a
 * receiver that requires mutual TLS. `close()` deletes every file.
 */
export class TestCertificateAuthority {
  readonly directory: string;
  readonly caCertPath: string;
  private readonly caKeyPath: string;
  private serial = 1;

  constructor() {
    this.directory = mkdtempSync(join(tmpdir(), 'test-ca-'));
    this.caCertPath = join(this.directory, 'ca.pem');
    this.caKeyPath = join(this.directory, 'ca-key.pem');
    openssl([
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=Test CA'],
      ...['-keyout', this.caKeyPath, '-out', this.caCertPath],
    ]);
  }

  /** A certificate for a TLS server on this machine (`localhost`, 127.0.0.1, ::1). */
  issueServer(name = 'server'): IssuedCertificate {
    return this.issue(
      name,
      'localhost',
      'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth',
    );
  }

  /** A certificate a client presents to a receiver that requires one. */
  issueClient(name = 'client'): IssuedCertificate {
    return this.issue(name, name, 'extendedKeyUsage=clientAuth');
  }

  close(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }

  private issue(name: string, commonName: string, extensions: string): IssuedCertificate {
    const keyPath = join(this.directory, `${name}-key.pem`);
    const csrPath = join(this.directory, `${name}.csr`);
    const certPath = join(this.directory, `${name}.pem`);
    const extPath = join(this.directory, `${name}.ext`);
    writeFileSync(extPath, `${extensions}\n`);
    openssl([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${commonName}`,
      '-keyout',
      keyPath,
      '-out',
      csrPath,
    ]);
    openssl([
      ...['x509', '-req', '-in', csrPath, '-CA', this.caCertPath, '-CAkey', this.caKeyPath],
      ...['-set_serial', String(this.serial++), '-days', '1', '-extfile', extPath, '-out', certPath],
    ]);
    return { certPath, keyPath };
  }
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}
