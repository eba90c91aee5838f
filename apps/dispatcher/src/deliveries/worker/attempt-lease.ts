import type { WebhookDefinition } from '@validity/contracts';

/** A webhook without a `timeout` gets 15 s, the Standard Webhooks recommendation and Svix's default. */
export const DEFAULT_TIMEOUT_SECONDS = 15;

// Covers the moments around the request (claim to send, answer to record); past it a crashed worker's
// claim expires and the delivery becomes due again.
const LEASE_MARGIN_SECONDS = 10;

export function timeoutSecondsOf(definition: Pick<WebhookDefinition, 'timeout'>): number {
  return definition.timeout ?? DEFAULT_TIMEOUT_SECONDS;
}

/**
 * How long a claim may wait in the engine's claim-ahead queue before it is sent; a claim still queued
 * after this is handed back instead, so every attempt ends inside its lease.
 */
export const QUEUE_WINDOW_SECONDS = 10;

/** How long a claimed delivery is reserved to its engine: the queue window, the request, a margin. */
export function leaseSecondsOf(definition: Pick<WebhookDefinition, 'timeout'>): number {
  return QUEUE_WINDOW_SECONDS + timeoutSecondsOf(definition) + LEASE_MARGIN_SECONDS;
}
