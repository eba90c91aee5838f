import { v7 as uuidv7 } from 'uuid';
import { ENVELOPE_CONTENT_TYPE, ENVELOPE_HEADERS, ENVELOPE_SCHEMA_VERSION } from './envelope-headers';
import { EnvelopeEncodeError } from './envelope-encode.error';
import type { OutgoingKafkaMessage } from './kafka-record';
import { isEnvelopeEvent, type NetBoxEnvelope } from './netbox-envelope';
import { OBJECT_TYPES, type EventObjectType } from './object-types';
import { serializeEnvelope } from './serialize-envelope';
import { topicFor } from './topics';

export interface EncodeEnvelopeOptions {
  objectType: EventObjectType;
  /** Becomes the record key, so all events of one object land on one partition, in order. */
  objectId: string | number;
  /** Pass the id stored with the event so a republished event keeps it; a new UUIDv7 otherwise. */
  eventId?: string;
  traceparent?: string;
}

export interface EncodedEnvelope {
  topic: string;
  message: OutgoingKafkaMessage;
}

/** Builds the Kafka record for an envelope; its value is exactly the NetBox webhook body bytes. */
export function encodeEnvelope(envelope: NetBoxEnvelope, options: EncodeEnvelopeOptions): EncodedEnvelope {
  if (!isEnvelopeEvent(envelope.event)) {
    throw new EnvelopeEncodeError(
      `"${envelope.event}" is an operational event: encodeOperationalEvent() writes those`,
    );
  }
  const { model } = OBJECT_TYPES[options.objectType];
  if (envelope.model !== model) {
    throw new EnvelopeEncodeError(
      `Envelope model "${envelope.model}" does not belong to object type "${options.objectType}"`,
    );
  }
  const headers: Record<string, string> = {
    [ENVELOPE_HEADERS.eventId]: options.eventId ?? uuidv7(),
    [ENVELOPE_HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
    [ENVELOPE_HEADERS.schemaVersion]: ENVELOPE_SCHEMA_VERSION,
    [ENVELOPE_HEADERS.objectType]: options.objectType,
    [ENVELOPE_HEADERS.event]: envelope.event,
  };
  if (options.traceparent !== undefined) headers[ENVELOPE_HEADERS.traceparent] = options.traceparent;
  return {
    topic: topicFor(options.objectType, envelope.event),
    message: {
      key: String(options.objectId),
      value: Buffer.from(serializeEnvelope(envelope), 'utf8'),
      headers,
    },
  };
}
