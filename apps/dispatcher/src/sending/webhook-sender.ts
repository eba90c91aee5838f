import { readFileSync } from 'node:fs';
import { EnvHttpProxyAgent, Pool, type Dispatcher } from 'undici';
import { DestinationPolicy } from '@validity/contracts';
import { checkDestination } from './proxied-destination-check';
import { LiteralAddressChecks } from './literal-address-checks';
import { BlockedDestinationError, guardedLookup, type GuardedLookup } from './private-address-guard';
import { RequestDeadlines } from './request-deadlines';
import { AnswerHandler, type Answer } from './answer-handler';

export interface OutgoingRequest {
  method: string;
  url: URL;
  /** In the order they go on the wire. */
  headers: Record<string, string>;
  body: Buffer;
  timeoutMs: number;
  /** NetBox's `ssl_verification`. */
  verifyTls: boolean;
  /** NetBox's `ca_file_path`: a PEM bundle on this host that replaces the default CAs. */
  caFilePath: string | null;
  /** mTLS: PEM client certificate and key on this host (both or neither). */
  clientCertPath?: string | null;
  clientKeyPath?: string | null;
}

/** What a receiver answered, or why nothing was answered. */
export type SendOutcome =
  | {
      kind: 'response';
      statusCode: number;
      retryAfter: string | undefined;
      /** The start of the body, as text, for the delivery log. */
      body: string;
      durationMs: number;
    }
  /** `permanent`: trying again cannot help (the destination is refused). */
  | { kind: 'error'; error: string; permanent: boolean; durationMs: number };

export interface SenderOptions {
  /** `DELIVERY_BLOCK_PRIVATE`; link-local and metadata addresses are refused whatever it says. */
  blockPrivateAddresses: boolean;
  /** `DELIVERY_ALLOW_NETWORKS`: CIDR networks allowed past both rules. */
  allowNetworks?: readonly string[];
  /** Connections kept per receiver origin. */
  connectionsPerOrigin: number;
  /** `DELIVERY_HTTP_PROXY` / `DELIVERY_HTTPS_PROXY` / `NO_PROXY`; absent: direct connections. */
  proxy?: OutboundProxy;
}

/** The outbound proxies, as NetBox's `HTTP_PROXIES` and curl's variables describe them. */
export interface OutboundProxy {
  /** Proxy for `http://` receivers (plain requests go through it too, as a CONNECT tunnel). */
  http: string | null;
  /** Proxy for `https://` receivers: a CONNECT tunnel, TLS to the receiver end to end. */
  https: string | null;
  /** Comma-separated host names (and `host:port`, `.domain`, `*`) reached directly. */
  noProxy: string;
}

/** How much of a response body the delivery log keeps. */
export const RESPONSE_BODY_LIMIT_BYTES = 8 * 1024;

/**
 * Sends webhook requests over keep-alive connection pools, one per receiver origin and TLS setting.
 * Redirects are never followed: a 3xx is the receiver's answer (Standard Webhooks: update the URL), and
 * following it would let a receiver point the dispatcher somewhere else, past the private-address guard.
 */
export class WebhookSender {
  private readonly pools = new Map<string, Dispatcher>();
  private readonly policy: DestinationPolicy;
  private readonly lookup: GuardedLookup;
  private readonly literalAddresses: LiteralAddressChecks;
  private readonly deadlines = new RequestDeadlines();
  private targets = new WeakMap<URL, Target>();

  constructor(private readonly options: SenderOptions) {
    this.policy = new DestinationPolicy({
      blockPrivate: options.blockPrivateAddresses,
      allowNetworks: options.allowNetworks ?? [],
    });
    this.lookup = guardedLookup(this.policy);
    this.literalAddresses = new LiteralAddressChecks(this.policy);
  }

  /** One promise per request and no `async` layers: each promise is paid for again by async hooks. */
  send(request: OutgoingRequest): Promise<SendOutcome> {
    const started = performance.now();
    return new Promise<SendOutcome>((resolve, reject) => {
      const deadline = this.deadlines.start(request.timeoutMs, () => handler.timeOut());
      const handler = new AnswerHandler(RESPONSE_BODY_LIMIT_BYTES, deadline.at, (answer) => {
        deadline.done();
        // Settled from undici's callbacks: a bug in reading the answer must reject this attempt (it is
        // then recorded as an internal error), not throw into undici.
        try {
          resolve(outcomeOf(answer, Math.round(performance.now() - started), request.timeoutMs));
        } catch (error) {
          reject(error);
        }
      });
      if (this.options.proxy)
        this.dispatchProxied(request, handler).catch((error: unknown) => handler.fail(error));
      else this.dispatch(request, handler);
    });
  }

  /** Through a proxy the proxy resolves the receiver's name, so the guard resolves it first. */
  private async dispatchProxied(request: OutgoingRequest, handler: AnswerHandler): Promise<void> {
    this.literalAddresses.refuse(request.url);
    await checkDestination(this.lookup, request.url);
    this.dispatch(request, handler);
  }

  /** Hands the request to its pool; what goes wrong, refused destinations included, ends in `handler`. */
  private dispatch(request: OutgoingRequest, handler: AnswerHandler): void {
    try {
      this.literalAddresses.refuse(request.url);
      const target = this.target(request);
      target.pool.dispatch(
        {
          origin: target.origin,
          method: request.method as Dispatcher.HttpMethod,
          path: target.path,
          headers: request.headers,
          body: request.body,
          headersTimeout: request.timeoutMs,
          bodyTimeout: request.timeoutMs,
        },
        handler,
      );
    } catch (error) {
      handler.fail(error);
    }
  }

  /**
   * The pool, origin and path of a request, kept per URL object: a rendered request's URL is one object
   * for every delivery of a definition whose templates do not use the event, so the pool's key, the
   * origin and the path are not built again per request.
   */
  private target(request: OutgoingRequest): Target {
    const known = this.targets.get(request.url);
    if (
      known !== undefined &&
      known.verifyTls === request.verifyTls &&
      known.caFilePath === request.caFilePath &&
      known.clientCertPath === (request.clientCertPath ?? null) &&
      known.clientKeyPath === (request.clientKeyPath ?? null)
    )
      return known;
    const target: Target = {
      pool: this.pool(request),
      origin: request.url.origin,
      path: `${request.url.pathname}${request.url.search}`,
      verifyTls: request.verifyTls,
      caFilePath: request.caFilePath,
      clientCertPath: request.clientCertPath ?? null,
      clientKeyPath: request.clientKeyPath ?? null,
    };
    this.targets.set(request.url, target);
    return target;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
    this.targets = new WeakMap();
  }

  private pool(request: OutgoingRequest): Dispatcher {
    const key = `${request.url.origin}|${request.verifyTls}|${request.caFilePath ?? ''}|${request.clientCertPath ?? ''}|${request.clientKeyPath ?? ''}`;
    let pool = this.pools.get(key);
    if (!pool) {
      const tls = {
        rejectUnauthorized: request.verifyTls,
        ...(request.caFilePath ? { ca: readFileSync(request.caFilePath) } : {}),
        ...(request.clientCertPath && request.clientKeyPath
          ? { cert: readFileSync(request.clientCertPath), key: readFileSync(request.clientKeyPath) }
          : {}),
      };
      const proxy = this.options.proxy;
      pool = proxy
        ? // One agent per origin and TLS setting, like the pools: NO_PROXY decides per request.
          new EnvHttpProxyAgent({
            httpProxy: proxy.http ?? '',
            httpsProxy: proxy.https ?? '',
            noProxy: proxy.noProxy,
            connections: this.options.connectionsPerOrigin,
            connect: { ...tls, lookup: this.lookup },
            requestTls: tls,
          })
        : new Pool(request.url.origin, {
            connections: this.options.connectionsPerOrigin,
            connect: { ...tls, lookup: this.lookup },
          });
      this.pools.set(key, pool);
    }
    return pool;
  }
}

/** Where a request goes, and the TLS settings its pool was chosen for. */
interface Target {
  pool: Dispatcher;
  origin: string;
  path: string;
  verifyTls: boolean;
  caFilePath: string | null;
  clientCertPath: string | null;
  clientKeyPath: string | null;
}

function outcomeOf(answer: Answer, durationMs: number, timeoutMs: number): SendOutcome {
  if (answer.kind === 'response')
    return {
      kind: 'response',
      statusCode: answer.statusCode,
      retryAfter: answer.retryAfter,
      body: answer.body,
      durationMs,
    };
  return {
    kind: 'error',
    error: describeError(answer.error, timeoutMs),
    permanent: causes(answer.error).some((cause) => cause instanceof BlockedDestinationError),
    durationMs,
  };
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (
    let cause = error;
    cause !== undefined && chain.length < 5;
    cause = (cause as { cause?: unknown }).cause
  ) {
    chain.push(cause);
  }
  return chain;
}

function describeError(error: unknown, timeoutMs: number): string {
  const names = causes(error).map((cause) => (cause as { name?: string }).name);
  if (
    names.includes('TimeoutError') ||
    names.includes('HeadersTimeoutError') ||
    names.includes('BodyTimeoutError')
  ) {
    return `no complete answer within the timeout of ${timeoutMs / 1000} s`;
  }
  const innermost = causes(error).at(-1) as { code?: string; message?: string } | undefined;
  const code = innermost?.code ? `${innermost.code}: ` : '';
  return `${code}${innermost?.message ?? String(error)}`;
}
