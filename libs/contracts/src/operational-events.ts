import { v7 as uuidv7 } from 'uuid';
import { ENVELOPE_CONTENT_TYPE, ENVELOPE_HEADERS, ENVELOPE_SCHEMA_VERSION } from './envelope-headers';
import type { JsonObject } from './json-value';
import type { OutgoingKafkaMessage } from './kafka-record';
import { netboxTimestamp } from './netbox-datetime-formats';
import type { ServiceName } from './object-types';
import { serializeEnvelope } from './serialize-envelope';

/**
 * Issue 18's operational events: what an operator is paged for, published on Kafka and deliverable
 * through webhooks like object events. They are not changes of an object, so their `event` is not
 * NetBox's created/updated/deleted but what happened; otherwise the record is an ordinary envelope
 * (same keys, serializer and headers), so one consumer and one receiver handle both.
 */
export const OPERATIONAL_EVENTS = ['disabled', 'exhausted', 'recovered'] as const;
export type OperationalEventName = (typeof OPERATIONAL_EVENTS)[number];

export interface OperationalEventDefinition {
  /** `<app_label>.<model>`: also the content type a webhook names to receive it. */
  objectType: 'validity-events.webhook' | 'validity-events.delivery';
  event: OperationalEventName;
  producer: ServiceName;
  label: string;
  summary: string;
}

export const OPERATIONAL_EVENT_DEFINITIONS: readonly OperationalEventDefinition[] = Object.freeze([
  {
    objectType: 'validity-events.webhook',
    event: 'disabled',
    producer: 'webhook-registry',
    label: 'Webhook disabled by the system',
    summary:
      'The system disabled a webhook: its receiver answered 410 Gone, or every attempt failed for WEBHOOK_AUTO_DISABLE_AFTER.',
  },
  {
    objectType: 'validity-events.delivery',
    event: 'exhausted',
    producer: 'dispatcher',
    label: 'Delivery retries exhausted',
    summary: 'A delivery used up its retry schedule and failed (it is on the dead-letter topic too).',
  },
  {
    objectType: 'validity-events.delivery',
    event: 'recovered',
    producer: 'dispatcher',
    label: 'Delivery recovered',
    summary: 'A delivery that had failed was delivered after `POST /api/extras/webhooks/{id}/recover/`.',
  },
] as const);

/** The content types webhooks may name to receive operational events. */
export const OPERATIONAL_CONTENT_TYPES: readonly string[] = Object.freeze([
  ...new Set(OPERATIONAL_EVENT_DEFINITIONS.map((definition) => definition.objectType)),
]);

export function operationalTopic(
  definition: Pick<OperationalEventDefinition, 'objectType' | 'event'>,
): string {
  return `${definition.objectType}.${definition.event}`;
}

export function isOperationalEventName(value: unknown): value is OperationalEventName {
  return (OPERATIONAL_EVENTS as readonly unknown[]).includes(value);
}

export function isOperationalObjectType(objectType: string): boolean {
  return OPERATIONAL_CONTENT_TYPES.includes(objectType);
}

export interface OperationalEvent {
  objectType: OperationalEventDefinition['objectType'];
  event: OperationalEventName;
  /** The record key: the webhook's or the delivery's id. */
  objectId: number | string;
  data: JsonObject;
  at: Date;
  /** The service that noticed (`username` in the envelope); `request_id` is a fresh UUIDv7. */
  username: string;
}

/** The record of an operational event: an envelope with `snapshots` both null, on its own topic. */
export function encodeOperationalEvent(event: OperationalEvent): {
  topic: string;
  message: OutgoingKafkaMessage;
} {
  const body = serializeEnvelope({
    event: event.event,
    timestamp: netboxTimestamp(event.at, event.at.getUTCMilliseconds() * 1000),
    model: event.objectType.split('.')[1],
    username: event.username,
    request_id: uuidv7(),
    data: event.data,
    snapshots: { prechange: null, postchange: null },
  });
  return {
    topic: operationalTopic(event),
    message: {
      key: String(event.objectId),
      value: Buffer.from(body, 'utf8'),
      headers: {
        [ENVELOPE_HEADERS.eventId]: uuidv7(),
        [ENVELOPE_HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
        [ENVELOPE_HEADERS.schemaVersion]: ENVELOPE_SCHEMA_VERSION,
        [ENVELOPE_HEADERS.objectType]: event.objectType,
        [ENVELOPE_HEADERS.event]: event.event,
      },
    },
  };
}
