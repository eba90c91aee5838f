import { readFileSync } from 'node:fs';
import { ConnectProxy, TestCertificateAuthority, TestReceiver } from '@validity/testing';
import { WebhookSender, type OutgoingRequest } from './webhook-sender';

/** Real TLS and a real CONNECT proxy: a receiver that requires a client certificate from the test CA. */
describe('WebhookSender: outbound proxy and client certificates (mTLS)', () => {
  let authority: TestCertificateAuthority;
  let receiver: TestReceiver;
  let proxy: ConnectProxy;
  let port: string;
  const senders: WebhookSender[] = [];
  const sender = (options: Partial<ConstructorParameters<typeof WebhookSender>[0]> = {}) => {
    const created = new WebhookSender({ blockPrivateAddresses: false, connectionsPerOrigin: 2, ...options });
    senders.push(created);
    return created;
  };
  const viaProxy = (noProxy = '') => ({ proxy: { http: proxy.url, https: proxy.url, noProxy } });
  const request = (overrides: Partial<OutgoingRequest> = {}): OutgoingRequest => ({
    method: 'POST',
    url: new URL(`https://localhost:${port}/hook`),
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from('{"event": "created"}'),
    timeoutMs: 5_000,
    verifyTls: true,
    caFilePath: authority.caCertPath,
    ...overrides,
  });

  beforeAll(async () => {
    authority = new TestCertificateAuthority();
    const server = authority.issueServer();
    receiver = await TestReceiver.start({
      tls: {
        key: readFileSync(server.keyPath),
        cert: readFileSync(server.certPath),
        ca: readFileSync(authority.caCertPath),
        requestCert: true,
      },
    });
    port = new URL(receiver.url).port;
    proxy = await ConnectProxy.start();
  });

  afterAll(async () => {
    await Promise.all(senders.map((created) => created.close()));
    await receiver.close();
    await proxy.close();
    authority.close();
  });

  it('is refused by a receiver that requires a client certificate when it has none', async () => {
    const outcome = await sender().send(request());
    expect(outcome).toMatchObject({ kind: 'error', permanent: false });
    expect(receiver.requests).toHaveLength(0);
  });

  it('is accepted with client_cert_path and client_key_path from the CA the receiver trusts', async () => {
    const client = authority.issueClient('dispatcher');
    const outcome = await sender().send(
      request({ clientCertPath: client.certPath, clientKeyPath: client.keyPath }),
    );
    expect(outcome).toMatchObject({ kind: 'response', statusCode: 200 });
  });

  it('sends HTTPS through the proxy as a CONNECT tunnel, with the client certificate end to end', async () => {
    const client = authority.issueClient('tunnelled');
    const before = receiver.requests.length;
    const outcome = await sender(viaProxy()).send(
      request({ clientCertPath: client.certPath, clientKeyPath: client.keyPath }),
    );
    expect(outcome).toMatchObject({ kind: 'response', statusCode: 200 });
    expect(proxy.tunnels).toContain(`localhost:${port}`);
    expect(receiver.requests).toHaveLength(before + 1);
  });

  it('goes direct for a host NO_PROXY names', async () => {
    const client = authority.issueClient('direct');
    const tunnels = proxy.tunnels.length;
    const outcome = await sender(viaProxy('localhost')).send(
      request({ clientCertPath: client.certPath, clientKeyPath: client.keyPath }),
    );
    expect(outcome).toMatchObject({ kind: 'response', statusCode: 200 });
    expect(proxy.tunnels).toHaveLength(tunnels);
  });

  it('still applies the private-address guard to the destination behind the proxy', async () => {
    const tunnels = proxy.tunnels.length;
    const outcome = await sender({ blockPrivateAddresses: true, ...viaProxy() }).send(request());
    expect(outcome).toMatchObject({ kind: 'error', permanent: true });
    expect(outcome.kind === 'error' && outcome.error).toMatch(/^localhost resolves to/);
    expect(proxy.tunnels).toHaveLength(tunnels);
  });
});
