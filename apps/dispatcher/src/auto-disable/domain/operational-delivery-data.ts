import type { JsonObject } from '@validity/contracts';

/** What a delivery's operational event (exhausted, recovered) says about it. */
export interface OperationalDeliveryRow {
  id: string;
  webhook_id: number;
  message_id: string;
  attempt_count: number;
  last_error: string | null;
  event_id: string;
  event: string;
  object_type: string;
}

/** The `data` of `validity-events.delivery.*`: the delivery, its webhook and its event, with relative urls. */
export function operationalDeliveryData(row: OperationalDeliveryRow): JsonObject {
  return {
    id: Number(row.id),
    url: `/api/extras/webhook-deliveries/${row.id}/`,
    webhook: { id: row.webhook_id, url: `/api/extras/webhooks/${row.webhook_id}/` },
    event_id: row.event_id,
    object_type: row.object_type,
    event: row.event,
    message_id: row.message_id,
    attempts: row.attempt_count,
    last_error: row.last_error,
  };
}
