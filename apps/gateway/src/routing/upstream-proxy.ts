import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { NextFunction, Request, Response } from 'express';
import { METRICS_ROUTE } from '@validity/platform/metrics';
import { requestIdOf } from '@validity/platform/netbox-api';
import { routeFor, type UpstreamRoute } from './domain/upstream-routes';

const IDLE_SOCKET_MS = 30_000;

export type UpstreamUrls = Record<UpstreamRoute['service'], string>;

// Headers that describe one connection, not the message (RFC 9110 §7.6.1); never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'upgrade',
]);

/**
 * Forwards requests under a service's prefix to that service, streaming both bodies. It adds the request
 * id and `X-Forwarded-*` so the service builds absolute URLs for the client's host; it decides nothing
 * else: every service authenticates the token itself.
 */
export function upstreamProxy(upstreams: UpstreamUrls) {
  // Idle pooled sockets are dropped after 30 s, well before the services close them (65 s, see
  // bootstrapService): reusing a socket the other side is closing fails the request with a 502.
  const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: IDLE_SOCKET_MS });
  return (req: Request, res: Response, next: NextFunction): void => {
    const route = routeFor(req.path);
    if (!route) return next();
    // One HTTP metrics series per proxied service prefix, not per path.
    res.locals[METRICS_ROUTE] = `${route.prefix}*`;
    const target = new URL(req.originalUrl, upstreams[route.service]);
    const upstream = httpRequest(
      target,
      { method: req.method, headers: forwardedHeaders(req), agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (res.headersSent) return void res.destroy();
      res.status(502).json({ detail: `The ${route.service} service is unavailable.` });
    });
    req.pipe(upstream);
  };
}

function forwardedHeaders(req: Request): IncomingHttpHeaders {
  const headers = withoutHopByHop(req.headers);
  headers['x-request-id'] = requestIdOf(req);
  headers['x-forwarded-host'] = req.headers['x-forwarded-host'] ?? req.headers.host;
  // Without the header Express's `req.protocol` is the connection's scheme whether or not it trusts the
  // client; read directly, as its trust check (proxy-addr) cost about 1 % of the gateway's CPU.
  headers['x-forwarded-proto'] = req.headers['x-forwarded-proto'] ?? connectionScheme(req);
  headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
    .filter(Boolean)
    .join(', ');
  return headers;
}

function connectionScheme(req: Request): 'http' | 'https' {
  return (req.socket as TLSSocket).encrypted ? 'https' : 'http';
}

/** A copy without hop-by-hop headers; a plain loop, as it runs twice for every proxied request. */
function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const kept: IncomingHttpHeaders = {};
  for (const name in headers) {
    // Node's parsed headers have lower-case names.
    if (!HOP_BY_HOP.has(name)) kept[name] = headers[name];
  }
  return kept;
}
