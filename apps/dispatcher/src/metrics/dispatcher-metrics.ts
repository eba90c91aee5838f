import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DELIVERY_STATUSES } from '../deliveries/delivery';
import type { CircuitState } from '../scheduling/domain/circuit-breaker';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];
const LAG_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 7200, 36000, 86400];

export type MetricLabels = Readonly<Record<string, string>>;

/** A value read at scrape time (backlog, consumer lag, circuits): label set and value pairs. */
export type Collect = () => Promise<ReadonlyArray<readonly [MetricLabels, number]>>;

/** `validity_dispatcher_circuit_state`'s value for each circuit state. */
export const CIRCUIT_STATE_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * The dispatcher's own Prometheus metrics, in the service's registry (served at `GET /metrics` with
 * the HTTP and process metrics). Per-webhook series are labelled with the webhook id only (never its
 * URL or name), so their number is bounded by the number of webhooks.
 */
export class DispatcherMetrics {
  /** Every attempt's outcome: `delivered`, `retrying` (failed, scheduled again) or `failed` (given up). */
  readonly deliveries: Counter<'webhook_id' | 'outcome'>;

  readonly attemptDuration: Histogram<'webhook_id'>;

  /** Includes time spent throttled or waiting for retries: what a receiver actually experiences. */
  readonly deliveryLag: Histogram;

  constructor(readonly registry: Registry = new Registry()) {
    this.deliveries = new Counter({
      name: 'validity_dispatcher_deliveries_total',
      help: 'Delivery attempts by webhook and by the outcome they left the delivery in: delivered, retrying or failed.',
      labelNames: ['webhook_id', 'outcome'],
      registers: [registry],
    });
    this.attemptDuration = new Histogram({
      name: 'validity_dispatcher_attempt_duration_seconds',
      help: 'Duration of one HTTP attempt, from sending to the end of the answer (or the error), by webhook.',
      labelNames: ['webhook_id'],
      buckets: SECONDS,
      registers: [registry],
    });
    this.deliveryLag = new Histogram({
      name: 'validity_dispatcher_delivery_lag_seconds',
      help: 'From the event timestamp to the successful delivery, retries and throttling included.',
      buckets: LAG_SECONDS,
      registers: [registry],
    });
  }

  /**
   * Drops the series of a webhook that no longer exists. prom-client keeps every label set it has seen
   * until it is removed, so a deleted webhook's outcome counts and duration histogram (~1 KB) stayed in
   * memory and in every scrape for good: after the bench's fanout deleted its 10,000 webhooks, ~10 MiB
   * of them stayed live (heap snapshot: 51.6 MiB live without this, 41.5 with it), and V8 sizes the old
   * generation from what survives a full collection (2.5x, `tools/stack/src/app-processes.ts`).
   */
  forgetWebhook(webhookId: number): void {
    const webhookLabel = String(webhookId);
    for (const outcome of DELIVERY_STATUSES) this.deliveries.remove({ webhook_id: webhookLabel, outcome });
    this.attemptDuration.remove({ webhook_id: webhookLabel });
  }

  /**
   * A gauge read when Prometheus scrapes. A source that is unreachable (database or broker down) gives
   * no samples; the scrape still works.
   */
  gauge(name: string, help: string, labelNames: readonly string[], collect: Collect): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        const values = await collect().catch(() => []);
        this.reset();
        for (const [labels, value] of values) this.set(labels, value);
      },
    });
  }
}
