import type { Request } from 'express';
import { restDateTime } from '@validity/contracts';
import { absoluteUrl } from '@validity/platform/netbox-api';
import type { WebhookView } from '../../webhook-view/webhook-view';
import type { AttemptEntity } from '../store/attempt.entity';
import type { WebhookHealthEntry } from './delivery-health';
import type { DeliveryLogEntry } from './delivery-log';

const STATUS_LABELS = {
  pending: 'Pending',
  retrying: 'Retrying',
  delivered: 'Delivered',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function deliveryUrl(request: Request, id: number): string {
  return absoluteUrl(request, `/api/extras/webhook-deliveries/${id}/`);
}

/** The webhook as a NetBox nested object; its name comes from the view, `#<id>` once it is deleted. */
export function nestedWebhook(request: Request, view: WebhookView, webhookId: number) {
  const name = view.get(webhookId)?.definition.name ?? null;
  return {
    id: webhookId,
    url: absoluteUrl(request, `/api/extras/webhooks/${webhookId}/`),
    display: name ?? `#${webhookId}`,
    name,
  };
}

/**
 * One delivery in NetBox's conventions: absolute `url`, `display`, a nested `webhook`, `status` as a
 * choice (`{value, label}`), REST datetimes. `message_id` is the `webhook-id` header receivers see.
 */
export function deliveryRepresentation(request: Request, view: WebhookView, entry: DeliveryLogEntry) {
  return {
    id: entry.id,
    url: deliveryUrl(request, entry.id),
    display: entry.messageId,
    webhook: nestedWebhook(request, view, entry.webhookId),
    message_id: entry.messageId,
    event_id: entry.eventId,
    event: entry.event,
    object_type: entry.objectType,
    object_id: entry.objectId,
    request_id: entry.requestId,
    status: { value: entry.status, label: STATUS_LABELS[entry.status] },
    attempt_count: entry.attemptCount,
    next_attempt:
      entry.nextAttemptAt && (entry.status === 'pending' || entry.status === 'retrying')
        ? restDateTime(entry.nextAttemptAt)
        : null,
    last_error: entry.lastError,
    created: restDateTime(entry.created),
    last_updated: restDateTime(entry.lastUpdated),
  };
}

export function briefDeliveryRepresentation(request: Request, entry: DeliveryLogEntry) {
  return { id: entry.id, url: deliveryUrl(request, entry.id), display: entry.messageId };
}

/** Detail view: the delivery and every attempt, oldest first. */
export function deliveryDetailRepresentation(
  request: Request,
  view: WebhookView,
  entry: DeliveryLogEntry,
  attempts: readonly AttemptEntity[],
) {
  return {
    ...deliveryRepresentation(request, view, entry),
    attempts: attempts.map((attempt) => ({
      number: attempt.number,
      started: restDateTime(attempt.started),
      duration_ms: attempt.durationMs,
      status_code: attempt.statusCode,
      response_body: attempt.responseBody,
      error: attempt.error,
      request_headers: attempt.requestHeaders,
      request_body: attempt.requestBody,
    })),
  };
}

const CIRCUIT_LABELS = { closed: 'Closed', open: 'Open', 'half-open': 'Half-open' };

/** One webhook's delivery health, with its circuit as a NetBox choice. */
export function deliveryHealthRepresentation(request: Request, view: WebhookView, entry: WebhookHealthEntry) {
  const { circuit } = entry;
  return {
    webhook: nestedWebhook(request, view, entry.webhookId),
    circuit: { value: circuit.state, label: CIRCUIT_LABELS[circuit.state] },
    consecutive_failures: circuit.consecutiveFailures,
    circuit_open_until: circuit.openUntil === null ? null : restDateTime(new Date(circuit.openUntil)),
    in_flight: entry.inFlight,
    queued: entry.queued,
    waiting: entry.waiting,
  };
}
