import { execFileSync } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestReceiver } from '@validity/testing';
import { RESPONSE_BODY_LIMIT_BYTES, WebhookSender, type OutgoingRequest } from './webhook-sender';

function request(url: string, overrides: Partial<OutgoingRequest> = {}): OutgoingRequest {
  return {
    method: 'POST',
    url: new URL(url),
    headers: { 'Content-Type': 'application/json', 'X-Extra': 'yes' },
    body: Buffer.from('{"event": "created"}'),
    timeoutMs: 2_000,
    verifyTls: true,
    caFilePath: null,
    ...overrides,
  };
}

describe('WebhookSender', () => {
  const sender = new WebhookSender({ blockPrivateAddresses: false, connectionsPerOrigin: 4 });
  const receivers: TestReceiver[] = [];
  const receiver = async (options?: Parameters<typeof TestReceiver.start>[0]) => {
    const started = await TestReceiver.start(options);
    receivers.push(started);
    return started;
  };

  afterAll(async () => {
    await sender.close();
    await Promise.all(receivers.map((started) => started.close()));
  });

  it('sends the exact body and headers, with the body on a GET too (as NetBox)', async () => {
    const target = await receiver({
      answer: () => ({ status: 201, body: 'x'.repeat(RESPONSE_BODY_LIMIT_BYTES + 100) }),
    });
    const first = await sender.send(request(`${target.url}/hook?a=1`));
    await sender.send(request(`${target.url}/hook?a=1`, { method: 'GET' }));

    expect(first).toMatchObject({ kind: 'response', statusCode: 201 });
    expect(first.kind === 'response' && first.body.length).toBe(RESPONSE_BODY_LIMIT_BYTES);
    const [seen, get] = target.requests;
    expect(seen).toMatchObject({ method: 'POST', path: '/hook?a=1' });
    expect(seen.headers).toMatchObject({ 'content-type': 'application/json', 'x-extra': 'yes' });
    expect(seen.body.toString()).toBe('{"event": "created"}');
    expect(get.body.toString()).toBe('{"event": "created"}');
  });

  it('keeps connections alive between requests', async () => {
    const target = await receiver();
    for (let i = 0; i < 10; i += 1) await sender.send(request(target.url));
    // undici opens a second socket for a request sent while the first one is still being released.
    expect(target.connections).toBeLessThanOrEqual(2);
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    const target = await receiver({ answer: () => ({ status: 302, headers: { Location: '/elsewhere' } }) });
    const outcome = await sender.send(request(`${target.url}/hook`));
    expect(outcome).toMatchObject({ kind: 'response', statusCode: 302 });
    expect(target.requests.map((seen) => seen.path)).toEqual(['/hook']);
  });

  it('passes Retry-After on', async () => {
    const target = await receiver({ answer: () => ({ status: 429, headers: { 'Retry-After': '30' } }) });
    expect(await sender.send(request(target.url))).toMatchObject({ statusCode: 429, retryAfter: '30' });
  });

  it('gives up at the timeout', async () => {
    const target = await receiver({ delayMs: 1_000 });
    const outcome = await sender.send(request(target.url, { timeoutMs: 100 }));
    expect(outcome).toMatchObject({
      kind: 'error',
      error: 'no complete answer within the timeout of 0.1 s',
      permanent: false,
    });
  });

  it('never writes a request whose deadline passed while it waited for a connection', async () => {
    // One connection, held by a first request; a second waits in the pool with a short timeout. The
    // connection frees while the event loop is blocked past the second's deadline, so undici takes the
    // second before the coarse deadline timer can run: it must drop it, not write it late.
    const arrived: string[] = [];
    let answerFirst: ServerResponse | undefined;
    const server = createServer((incoming, response) => {
      arrived.push(incoming.url ?? '');
      incoming.resume();
      if (incoming.url === '/first') answerFirst = response;
      else response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const single = new WebhookSender({ blockPrivateAddresses: false, connectionsPerOrigin: 1 });
    try {
      const first = single.send(request(`${url}/first`, { timeoutMs: 5_000 }));
      while (answerFirst === undefined) await new Promise((resolve) => setTimeout(resolve, 1));
      const queuedAt = performance.now();
      const second = single.send(request(`${url}/second`, { timeoutMs: 50 }));
      await new Promise((resolve) => setTimeout(resolve, 10));
      answerFirst.end('ok');
      while (performance.now() < queuedAt + 80) {
        // blocks the event loop past the second request's deadline
      }

      expect(await first).toMatchObject({ kind: 'response', statusCode: 200 });
      expect(await second).toMatchObject({
        kind: 'error',
        error: 'no complete answer within the timeout of 0.05 s',
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(arrived).toEqual(['/first']);
    } finally {
      await single.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reports a refused connection as a failure worth retrying', async () => {
    const target = await receiver();
    await target.close();
    const outcome = await sender.send(request(target.url));
    expect(outcome).toMatchObject({ kind: 'error', permanent: false });
    expect(outcome.kind === 'error' && outcome.error).toMatch(/^ECONNREFUSED/);
  });

  it('refuses private destinations for good when the guard is on, by address and by name', async () => {
    const guarded = new WebhookSender({ blockPrivateAddresses: true, connectionsPerOrigin: 1 });
    const target = await receiver();
    try {
      const byAddress = await guarded.send(request(target.url));
      const byName = await guarded.send(request(target.url.replace('127.0.0.1', 'localhost')));
      expect(byAddress).toMatchObject({ kind: 'error', permanent: true });
      expect(byName).toMatchObject({ kind: 'error', permanent: true });
      expect(byName.kind === 'error' && byName.error).toMatch(/^localhost resolves to/);
      expect(target.requests).toHaveLength(0);
    } finally {
      await guarded.close();
    }
  });

  it('refuses a cloud metadata destination for good even with private destinations allowed', async () => {
    const outcome = await sender.send(request('http://169.254.169.254/latest/meta-data/'));
    expect(outcome).toMatchObject({ kind: 'error', permanent: true });
    expect(outcome.kind === 'error' && outcome.error).toMatch(
      /^169\.254\.169\.254 is a link-local or cloud metadata/,
    );
  });

  it('sends to a private destination the allow-list names, with the guard on', async () => {
    const allowing = new WebhookSender({
      blockPrivateAddresses: true,
      allowNetworks: ['127.0.0.0/8', '::1/128'],
      connectionsPerOrigin: 1,
    });
    const target = await receiver();
    try {
      expect(await allowing.send(request(target.url))).toMatchObject({ kind: 'response', statusCode: 200 });
      const byName = await allowing.send(request(target.url.replace('127.0.0.1', 'localhost')));
      expect(byName).toMatchObject({ kind: 'response', statusCode: 200 });
    } finally {
      await allowing.close();
    }
  });

  describe('over TLS with a self-signed certificate', () => {
    let directory: string;
    let target: TestReceiver;

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'sender-tls-'));
      execFileSync(
        'openssl',
        [
          ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'],
          ...['-addext', 'subjectAltName=IP:127.0.0.1'],
          ...['-keyout', join(directory, 'key.pem'), '-out', join(directory, 'cert.pem')],
        ],
        { stdio: 'ignore' },
      );
      target = await receiver({
        tls: {
          key: readFileSync(join(directory, 'key.pem')),
          cert: readFileSync(join(directory, 'cert.pem')),
        },
      });
    });
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('refuses the certificate by default', async () => {
      const outcome = await sender.send(request(target.url));
      expect(outcome).toMatchObject({ kind: 'error', permanent: false });
      expect(outcome.kind === 'error' && outcome.error).toMatch(/self[- ]signed/i);
    });

    it('accepts it with ssl_verification off', async () => {
      expect(await sender.send(request(target.url, { verifyTls: false }))).toMatchObject({ statusCode: 200 });
    });

    it('accepts it when ca_file_path names it as the CA bundle', async () => {
      const outcome = await sender.send(request(target.url, { caFilePath: join(directory, 'cert.pem') }));
      expect(outcome).toMatchObject({ statusCode: 200 });
    });
  });
});
