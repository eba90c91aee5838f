import type { WebhookDefinition } from '@validity/contracts';

/** A webhook without a `timeout` gets 15 s, the Standard Webhooks recommendation and Svix's default. */
export const DEFAULT_TIMEOUT_SECONDS = 15;

// Covers the moments around the request (claim to send, answer to record); past it a crashed worker's
// claim expires and the delivery becomes due again.
const LEASE_MARGIN_SECONDS = 10;

export function timeoutSecondsOf(definition: Pick<WebhookDefinition, 'timeout'>): number {
  return definition.timeout ?? DEFAULT_TIMEOUT_SECONDS;
}

/** How long a claimed attempt is reserved to its worker. */
export function leaseSecondsOf(definition: Pick<WebhookDefinition, 'timeout'>): number {
  return timeoutSecondsOf(definition) + LEASE_MARGIN_SECONDS;
}
