import type { IncomingEvent } from '../delivery';

/** A compliance report's created event as the intake decodes it, for store specs. */
export function anIncomingEvent(eventId: string, objectId = 1): IncomingEvent {
  return {
    eventId,
    event: 'created',
    objectType: 'validity.compliancereport',
    objectId: String(objectId),
    requestId: null,
    timestamp: '2024-01-10T08:15:02.401177+00:00',
    body: Buffer.from(`{"id": ${objectId}}`),
    topic: 'validity.compliancereport.created',
    partition: 0,
    offset: String(objectId),
  };
}
