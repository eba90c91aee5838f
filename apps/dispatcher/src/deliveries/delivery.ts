import type { NetBoxEnvelope } from '@validity/contracts';

/**
 * `pending` (not attempted yet), `retrying` (failed, scheduled again), `delivered`, `failed` (gave up),
 * `cancelled` (its webhook was disabled before it was delivered). The allowed moves between them are
 * in `domain/delivery-lifecycle.ts`.
 */
export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Why a delivery failed for good; the dead-letter record carries it as `dead-letter-reason`. */
export type FailureReason =
  | 'retries-exhausted'
  | 'render-error'
  | 'condition-error'
  | 'blocked-destination'
  | 'webhook-deleted'
  // Issue 18: the receiver answered 410 Gone; the webhook was disabled by the system (pending ones end
  // so, and events while it stays so are recorded as skipped, for `recover`).
  | 'receiver-gone'
  | 'webhook-disabled';

/** An event as the dispatcher stores it once, whatever the number of webhooks it goes to. */
export interface StoredEvent {
  eventId: string;
  /** An object event, or an operational one (issue 18) on `validity-events.*`. */
  event: NetBoxEnvelope['event'];
  objectType: string;
  objectId: string | null;
  requestId: string | null;
  /** The envelope's `timestamp`, for the end-to-end lag. */
  timestamp: string;
  /** The envelope bytes as received: the default body. */
  body: Buffer;
}

/** One attempt a worker may make: the delivery row is the truth, this is what the worker needs of it. */
export interface ClaimedDelivery {
  id: number;
  webhookId: number;
  messageId: string;
  /** This attempt's number (1 for the first); it fences the row against a late, expired attempt. */
  attemptNumber: number;
  /** Attempts made before the current schedule started (a redelivery starts a new one). */
  retryBase: number;
  event: StoredEvent;
}

/**
 * The Standard Webhooks `webhook-id` of a delivery: one per (event, webhook), so every retry and every
 * redelivery carries the same id and receivers can drop duplicates. No dots, as the spec asks.
 */
export function messageIdOf(eventId: string, webhookId: number): string {
  return `msg_${eventId}_${webhookId}`;
}
