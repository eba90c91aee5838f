import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { RequestLog, requestLogContext } from './request-log-context';
import type { Logger } from './service-logger';

/** Probes and scrapes come every few seconds: logged at `debug`, so `info` shows what clients did. */
const PROBE_PATHS = new Set(['/health', '/metrics']);

function pathOnly(url: string | undefined): string {
  // The query string stays out of the log: filter values may be anything a client typed, secrets too.
  const whole = url ?? '';
  const query = whole.indexOf('?');
  return query === -1 ? whole : whole.slice(0, query);
}

/**
 * One access-log line per HTTP request, written when the answer is finished (or the connection closed
 * first): `request_id`, `req` (`method`, `path` without the query string), `res` (`status`), an `err`
 * for a 5xx, `duration_ms`, and `msg` `<method> <path> <status>`. The same fields in the same order as
 * the pino-http middleware this replaces wrote; written by hand because pino-http made two pino children
 * per request (one serializing `req` into its bindings), which cost the gateway and the reports service
 * 5-7 % of their CPU. Installs the request's logger for the rest of the request (see requestLogContext).
 * Must come after the middleware that assigns request ids.
 */
export function accessLog(logger: Logger, requestIdOf: (req: IncomingMessage) => string): RequestHandler {
  return (req, res, next) => {
    const started = Date.now();
    const requestLog = new RequestLog(logger, requestIdOf(req));
    const method = req.method;
    // As pino-http took them: `req.path` from the URL as it arrived, the message from `req.url` at the end.
    const path = pathOnly(req.originalUrl ?? req.url);
    const done = (error?: Error) => {
      res.removeListener('close', done);
      res.removeListener('finish', done);
      res.removeListener('error', done);
      writeLine(logger, requestLog.requestId, method, path, req, res, Date.now() - started, error);
    };
    res.on('close', done);
    res.on('finish', done);
    res.on('error', done);
    requestLogContext.run(requestLog, next);
  };
}

function writeLine(
  logger: Logger,
  requestId: string,
  method: string | undefined,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  durationMs: number,
  error: Error | undefined,
): void {
  const status = res.statusCode;
  const msg = `${req.method} ${pathOnly(req.url)} ${status}`;
  const logged = { method, path };
  // An answer never sent (the client went away first) has no status yet, as pino's serializer says.
  const answered = { status: res.headersSent ? status : null };
  if (error || status >= 500) {
    const err = error ?? new Error(`failed with status code ${status}`);
    logger.error({ request_id: requestId, req: logged, res: answered, err, duration_ms: durationMs }, msg);
    return;
  }
  const level = PROBE_PATHS.has(pathOnly(req.url)) ? 'debug' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  logger[level]({ request_id: requestId, req: logged, res: answered, duration_ms: durationMs }, msg);
}
