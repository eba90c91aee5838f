import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Seconds; from a cached read (~1 ms) to a large compliance run (tens of seconds). */
const HTTP_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * One service's Prometheus registry, served at `GET /metrics`: Node process metrics (prom-client's
 * default collectors: CPU, memory, event-loop lag, GC, handles) and HTTP request metrics, every series
 * labelled `service`. One registry per app, not prom-client's global one, so several services booted
 * in one process (integration tests) keep their own numbers. Features add their own metrics to
 * `registry`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Counter({
      name: 'validity_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code.',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: 'validity_http_request_duration_seconds',
      help: 'From the request arriving to the answer finished, by method, route template and status code.',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_SECONDS,
      registers: [this.registry],
    });
  }
}
