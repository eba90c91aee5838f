import type { DispatcherMetrics } from './dispatcher-metrics';

/** What became of one delivery attempt: ids and numbers only, nothing a receiver or sender wrote. */
export interface DeliveryOutcome {
  webhookId: number;
  /** Null for a first attempt made before the delivery had a row (it gets one with this outcome). */
  deliveryId: number | null;
  eventId: string;
  /** The request that caused the event (its `X-Request-ID`), when there was one. */
  requestId: string | null;
  attempt: number;
  /** `delivered`, `retrying` or `failed` (or any later state the delivery moved to). */
  outcome: string;
  /** The receiver's HTTP status; null when there was no answer. */
  status: number | null;
  durationMs: number;
  error: string | null;
  failureReason: string | null;
  retryInSeconds: number | null;
}

/** The two logger methods an outcome is written with (Nest's Logger has them). */
export interface OutcomeLogger {
  log(message: object): void;
  warn(message: object): void;
}

/**
 * Records one delivery outcome: counts it per webhook and writes exactly one log line for it. Never the
 * body, the headers or the receiver's answer: those may hold secrets and personal data. A receiver
 * failing now and then is routine (`info`); a delivery given up on needs an operator (`warn`).
 */
export function reportDeliveryOutcome(
  logger: OutcomeLogger,
  metrics: DispatcherMetrics,
  outcome: DeliveryOutcome,
): void {
  metrics.deliveries.inc({ webhook_id: String(outcome.webhookId), outcome: outcome.outcome });
  // Optional fields are added after the literal, not spread into it: a spread takes V8's slow path,
  // paid on every attempt even when the line is below the log level.
  const line: Record<string, unknown> = {
    msg: `delivery ${outcome.outcome}`,
    webhook_id: outcome.webhookId,
    delivery_id: outcome.deliveryId,
    event_id: outcome.eventId,
    request_id: outcome.requestId,
    attempt: outcome.attempt,
    outcome: outcome.outcome,
    status: outcome.status,
    duration_ms: outcome.durationMs,
  };
  if (outcome.error !== null) line.error = outcome.error;
  if (outcome.failureReason !== null) line.failure_reason = outcome.failureReason;
  if (outcome.retryInSeconds !== null) line.retry_in_s = outcome.retryInSeconds;
  if (outcome.outcome === 'failed') logger.warn(line);
  else logger.log(line);
}
