import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait-for';

/** One request as the receiver saw it: header names lower-cased, the body as the exact bytes. */
export interface ReceivedRequest {
  method: string;
  /** Path and query, e.g. `/hooks/7?x=1`. */
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** `Date.now()` when the body was complete. */
  receivedAt: number;
}

/** How the receiver answers one request. */
export interface Answer {
  status: number;
  delayMs?: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface TestReceiverOptions {
  /** Statuses answered in turn, the last one repeated: `[500, 500, 200]` fails twice, then succeeds. */
  statuses?: readonly number[];
  /** Waits this long before answering each request. */
  delayMs?: number;
  /**
   * Decides each answer itself (`index` counts requests from 0); wins over `statuses` and `delayMs`. It
   * may return a promise, to hold a request until the test releases it.
   */
  answer?: (request: ReceivedRequest, index: number) => Answer | Promise<Answer>;
  /** Listen on this port (e.g. 9000, as the Validity docs' receiver); default: any free port. */
  port?: number;
  /**
   * Serve HTTPS with this key and certificate (PEM); with `requestCert` and `ca`, only clients with a
   * certificate that CA signed get through (mTLS).
   */
  tls?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer; requestCert?: boolean };
}

/**
 * A real HTTP(S) receiver on 127.0.0.1 and an ephemeral port, for tests that deliver webhooks: it
 * records every request (headers and raw body bytes) and answers with a configurable sequence of
 * statuses and delays, so tests can script failing, slow and throttling receivers.
 */
export class TestReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** TCP connections accepted so far (keep-alive reuses them). */
  connections = 0;

  private address = '';

  private constructor(
    private readonly server: Server,
    private readonly options: TestReceiverOptions,
  ) {}

  static async start(options: TestReceiverOptions = {}): Promise<TestReceiver> {
    const server = options.tls
      ? createHttpsServer({ ...options.tls, rejectUnauthorized: options.tls.requestCert === true })
      : createHttpServer();
    const receiver = new TestReceiver(server, options);
    server.on(
      'request',
      (request: IncomingMessage, response: ServerResponse) => void receiver.handle(request, response),
    );
    server.on('connection', () => (receiver.connections += 1));
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    receiver.address = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    return receiver;
  }

  /** Base URL, e.g. `http://127.0.0.1:40123` (still known after `close`, for "nobody listens" tests). */
  get url(): string {
    return this.address;
  }

  /** Resolves once `count` requests matching `filter` arrived; returns those requests. */
  waitForRequests(
    count: number,
    filter: (request: ReceivedRequest) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<ReceivedRequest[]> {
    return waitFor(
      `${count} request(s) at ${this.url}`,
      () => {
        const matching = this.requests.filter(filter);
        return matching.length >= count ? matching : undefined;
      },
      timeoutMs,
    );
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const { options } = this;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const received: ReceivedRequest = {
      method: request.method ?? '',
      path: request.url ?? '',
      headers: Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(', ') : (value ?? ''),
        ]),
      ),
      body: Buffer.concat(chunks),
      receivedAt: Date.now(),
    };
    const index = this.requests.push(received) - 1;
    const statuses = options.statuses ?? [200];
    const answer = (await options.answer?.(received, index)) ?? {
      status: statuses[Math.min(index, statuses.length - 1)],
      delayMs: options.delayMs,
    };
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (response.destroyed) return;
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body ?? '');
  }
}
