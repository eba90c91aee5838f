/** A delivery as the delivery-log list shows it (the fields health needs). */
export interface DeliverySummary {
  status: { value: string };
  attempt_count: number;
}

/** One webhook's entry of `GET /api/extras/webhook-deliveries/health/` (the fields the page shows). */
export interface DeliveryHealthEntry {
  circuit: { value: string; label: string };
  consecutive_failures: number;
  circuit_open_until: string | null;
  in_flight: number;
  waiting: number;
}

/** The circuit breaker as the webhook page shows it. */
export interface CircuitSummary {
  /** `Closed`, `Open`, `Half-open`. */
  label: string;
  tone: 'ok' | 'warn' | 'bad';
  consecutiveFailures: number;
  openUntil: string | null;
  inFlight: number;
  waiting: number;
}

export interface AttemptSummary {
  status_code: number | null;
  duration_ms: number | null;
}

export interface WebhookHealth {
  deliveries: number;
  attempts: number;
  /** Share of finished deliveries that were delivered, `null` when none finished. */
  successRate: number | null;
  /** p95 of the sampled attempts' response times, `null` without a timed attempt. */
  p95Ms: number | null;
  sampledAttempts: number;
  /** `null` when the dispatcher does not know the webhook (yet): nothing was ever due for it. */
  circuit: CircuitSummary | null;
}

/** Nearest-rank percentile (the value at rank ⌈p·n⌉), as Prometheus users read a p95. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

/**
 * A webhook's health from the public delivery log: deliveries and attempts of the window, success rate
 * over the finished ones (delivered / (delivered + failed)), p95 over the attempts sampled from the
 * newest deliveries' detail, and its circuit breaker from the delivery-health endpoint.
 */
export function webhookHealth(
  deliveries: readonly DeliverySummary[],
  attempts: readonly AttemptSummary[],
  healthEntry: DeliveryHealthEntry | null = null,
): WebhookHealth {
  const delivered = deliveries.filter((delivery) => delivery.status.value === 'delivered').length;
  const failed = deliveries.filter((delivery) => delivery.status.value === 'failed').length;
  const durations = attempts
    .map((attempt) => attempt.duration_ms)
    .filter((ms): ms is number => typeof ms === 'number');
  return {
    deliveries: deliveries.length,
    attempts: deliveries.reduce((sum, delivery) => sum + delivery.attempt_count, 0),
    successRate: delivered + failed === 0 ? null : delivered / (delivered + failed),
    p95Ms: percentile(durations, 0.95),
    sampledAttempts: durations.length,
    circuit: healthEntry === null ? null : circuitSummary(healthEntry),
  };
}

function circuitSummary(entry: DeliveryHealthEntry): CircuitSummary {
  const tones: Record<string, CircuitSummary['tone']> = { closed: 'ok', 'half-open': 'warn', open: 'bad' };
  return {
    label: entry.circuit.label,
    tone: tones[entry.circuit.value] ?? 'warn',
    consecutiveFailures: entry.consecutive_failures,
    openUntil: entry.circuit_open_until,
    inFlight: entry.in_flight,
    waiting: entry.waiting,
  };
}
