/** A delivery as the delivery-log list shows it (the fields health needs). */
export interface DeliverySummary {
  status: { value: string };
  attempt_count: number;
  circuit_state?: string | { value: string; label?: string } | null;
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
  circuitState: string | null;
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
 * newest deliveries' detail, and the circuit state when the delivery log reports one.
 */
export function webhookHealth(
  deliveries: readonly DeliverySummary[],
  attempts: readonly AttemptSummary[],
): WebhookHealth {
  const delivered = deliveries.filter((delivery) => delivery.status.value === 'delivered').length;
  const failed = deliveries.filter((delivery) => delivery.status.value === 'failed').length;
  const durations = attempts
    .map((attempt) => attempt.duration_ms)
    .filter((ms): ms is number => typeof ms === 'number');
  const circuit = deliveries.find((delivery) => delivery.circuit_state)?.circuit_state ?? null;
  return {
    deliveries: deliveries.length,
    attempts: deliveries.reduce((sum, delivery) => sum + delivery.attempt_count, 0),
    successRate: delivered + failed === 0 ? null : delivered / (delivered + failed),
    p95Ms: percentile(durations, 0.95),
    sampledAttempts: durations.length,
    circuitState:
      circuit === null ? null : typeof circuit === 'string' ? circuit : (circuit.label ?? circuit.value),
  };
}
