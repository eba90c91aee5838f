import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { requestLogContext } from './request-log-context';
import type { Logger } from './service-logger';

/** Probes and scrapes come every few seconds: logged at `debug`, so `info` shows what clients did. */
const PROBE_PATHS = new Set(['/health', '/metrics']);

function pathOnly(url: string | undefined): string {
  // The query string stays out of the log: filter values may be anything a client typed, secrets too.
  return (url ?? '').split('?')[0];
}

/**
 * One access-log line per HTTP request, written when the answer is finished: `request_id`, `method`,
 * `path` (no query string), `status`, `duration_ms`. Installs the request's logger for the rest of
 * the request (see requestLogContext). Must come after the middleware that assigns request ids.
 */
export function accessLog(logger: Logger, requestIdOf: (req: IncomingMessage) => string): RequestHandler {
  const http = pinoHttp({
    logger,
    genReqId: (req) => requestIdOf(req),
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'request_id', responseTime: 'duration_ms' },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: pathOnly(req.url) }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customLogLevel: (req: IncomingMessage, res: ServerResponse, error?: Error) => {
      if (error || res.statusCode >= 500) return 'error';
      return PROBE_PATHS.has(pathOnly(req.url)) ? 'debug' : 'info';
    },
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${pathOnly(req.url)} ${res.statusCode}`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${pathOnly(req.url)} ${res.statusCode}`,
  });
  return (req, res, next) => {
    http(req, res);
    requestLogContext.run(req.log, next);
  };
}
