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

/** An event with where it was read from, kept for tracing a delivery back to its record. */
export interface IncomingEvent extends StoredEvent {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * One attempt a worker may make: the delivery row is the truth, this is what the worker needs of it. A
 * delivery handed over straight from the Kafka batch has no row yet (`unstored`).
 */
export interface ClaimedDelivery {
  /** The row's id; 0 while the delivery has no row (`unstored`). */
  id: number;
  webhookId: number;
  messageId: string;
  /** This attempt's number (1 for the first); it fences the row against a late, expired attempt. */
  attemptNumber: number;
  /** Attempts made before the current schedule started (a redelivery starts a new one). */
  retryBase: number;
  event: StoredEvent;
  /** Set for a delivery handed over before it had a row: its row is written once, with its outcome. */
  unstored?: UnstoredDelivery;
}

/**
 * A delivery the intake handed to the engine straight from the Kafka batch, without a row: the row is
 * written once, with its first attempt's outcome, or earlier when the engine cannot wait for that (the
 * attempt takes long; the claim goes back unattempted). Its batch's offsets are committed only once every
 * such delivery of the batch has its row (`markStored` tells the batch).
 */
export class UnstoredDelivery {
  /** The row's id, once a row was written for it before its outcome (0: none, or not known). */
  rowId = 0;
  /** When it was handed over: the row's `created`, whenever the row is written. */
  readonly created = new Date();
  private stored = false;

  constructor(
    /** The event, with where it was read from: its row is written with the delivery's. */
    readonly event: IncomingEvent,
    readonly webhookId: number,
    /** When the intake handed it over (monotonic ms). */
    readonly handedAt: number,
    private readonly onStored: () => void,
  ) {}

  get hasRow(): boolean {
    return this.stored;
  }

  /** Its row is written (`rowId`, when the statement returned it); its batch is told once. */
  markStored(rowId = 0): void {
    if (rowId !== 0) this.rowId = rowId;
    if (this.stored) return;
    this.stored = true;
    this.onStored();
  }
}

/**
 * The Standard Webhooks `webhook-id` of a delivery: one per (event, webhook), so every retry and every
 * redelivery carries the same id and receivers can drop duplicates. No dots, as the spec asks.
 */
export function messageIdOf(eventId: string, webhookId: number): string {
  return `msg_${eventId}_${webhookId}`;
}

/** `messageIdOf` as SQL over two columns, for rows the store makes in a statement (batched deliveries). */
export function messageIdSql(eventIdColumn: string, webhookIdColumn: string): string {
  return `'msg_' || ${eventIdColumn} || '_' || ${webhookIdColumn}`;
}
