import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Request } from 'express';

type TrustProxy = (address: string | undefined, hop: number) => boolean;

/**
 * Whether a connection's peer is a proxy `trust proxy` believes, asked once per connection: Express asks
 * proxy-addr again for `req.protocol` and again for `req.host`, parsing the address each time (about 1 %
 * of the reports service's CPU per created run). The answer cannot change: the peer address is the
 * socket's, and `trust proxy` is set once before the app listens (`applyNetBoxConventions`).
 */
const trustedPeers = new WeakMap<Socket, boolean>();

function isTrustedPeer(req: Request): boolean {
  let trusted = trustedPeers.get(req.socket);
  if (trusted === undefined) {
    const trust = req.app.get('trust proxy fn') as TrustProxy;
    trusted = trust(req.socket.remoteAddress, 0);
    trustedPeers.set(req.socket, trusted);
  }
  return trusted;
}

/** Express 5's `req.protocol`, with the trust check answered per connection. */
function protocolOf(req: Request): string {
  const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  if (!isTrustedPeer(req)) return scheme;
  const header = req.get('X-Forwarded-Proto') || scheme;
  const comma = header.indexOf(',');
  return comma !== -1 ? header.substring(0, comma).trim() : header.trim();
}

/** Express 5's `req.host`, with the trust check answered per connection. */
function hostOf(req: Request): string | undefined {
  let host = req.get('X-Forwarded-Host');
  if (!host || !isTrustedPeer(req)) host = req.get('Host');
  else if (host.indexOf(',') !== -1) host = host.substring(0, host.indexOf(',')).trimEnd();
  return host || undefined;
}

function originOf(req: Request): string {
  return `${protocolOf(req)}://${hostOf(req)}`;
}

/**
 * The absolute URL the client asked for, as DRF's `request.build_absolute_uri()`: pagination's `next`
 * and `previous` are built from it and pynetbox follows them verbatim, so behind the gateway they must
 * name the gateway. Scheme and host come from `X-Forwarded-Proto`/`X-Forwarded-Host` when `trust proxy`
 * (set by `applyNetBoxConventions`) trusts the sender, else from the connection and `Host`, as Express's
 * `req.protocol` and `req.host` take them.
 */
export function requestUrl(req: Request): URL {
  return new URL(req.originalUrl, originOf(req));
}

/** `path` made absolute against the request's origin: for `url` fields and the `Location` of a 201. */
export function absoluteUrl(req: Request, path: string): string {
  return new URL(path, originOf(req)).href;
}

/**
 * `baseUrl` by origin as the client spelled it: every request of a client names the same one, and
 * parsing it is a URL parse per request. Bounded, as the host is the client's to choose.
 */
const baseUrls = new Map<string, string>();
const MAX_BASE_URLS = 64;

/**
 * Scheme and host the client used (the gateway's, behind it), normalised as a URL's origin and without
 * a final slash: what `url` fields and `Location` are prefixed with.
 */
export function baseUrl(req: Request): string {
  const origin = originOf(req);
  let base = baseUrls.get(origin);
  if (base === undefined) {
    base = new URL('/', origin).href.slice(0, -1);
    if (baseUrls.size >= MAX_BASE_URLS) baseUrls.clear();
    baseUrls.set(origin, base);
  }
  return base;
}
