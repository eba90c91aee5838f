import type { Request, RequestHandler, Response } from 'express';
import type { ServiceMetrics } from './service-metrics';

/** `res.locals` key where a handler outside Nest's router (the gateway's proxy) names its route. */
export const METRICS_ROUTE = 'metricsRoute';

/**
 * Counts and times every request. The `route` label is the route template (`/api/extras/webhooks/:id`),
 * never the raw path, so ids do not multiply series; requests no route matched count as `unmatched`.
 */
export function httpMetrics(metrics: ServiceMetrics): RequestHandler {
  return (req, res, next) => {
    const stop = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const labels = { method: req.method, route: routeOf(req, res), status: String(res.statusCode) };
      stop(labels);
      metrics.httpRequests.inc(labels);
    });
    next();
  };
}

function routeOf(req: Request, res: Response): string {
  const named = res.locals[METRICS_ROUTE] as unknown;
  if (typeof named === 'string') return named;
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${req.baseUrl}${route.path}` : 'unmatched';
}
