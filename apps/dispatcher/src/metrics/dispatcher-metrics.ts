import type { Collect } from './gauge';
import { MetricsRegistry } from './metrics-registry';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];
const LAG_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 7200, 36000, 86400];

/** The dispatcher's Prometheus metrics, served at `GET /metrics`. */
export class DispatcherMetrics {
  readonly registry = new MetricsRegistry();

  /** Every attempt's outcome: `delivered`, `retrying` (failed, scheduled again) or `failed` (given up). */
  readonly deliveries = this.registry.counter(
    'validity_dispatcher_deliveries_total',
    'Delivery attempts by the outcome they left the delivery in: delivered, retrying or failed.',
  );

  readonly attemptDuration = this.registry.histogram(
    'validity_dispatcher_attempt_duration_seconds',
    'Duration of one HTTP attempt, from sending to the end of the answer (or the error).',
    SECONDS,
  );

  /** Includes time spent throttled or waiting for retries: what a receiver actually experiences. */
  readonly deliveryLag = this.registry.histogram(
    'validity_dispatcher_delivery_lag_seconds',
    'From the event timestamp to the successful delivery, retries and throttling included.',
    LAG_SECONDS,
  );

  /** A value read at scrape time (backlog, consumer lag, requests in flight). */
  gauge(name: string, help: string, collect: Collect): void {
    this.registry.gauge(name, help, collect);
  }
}
