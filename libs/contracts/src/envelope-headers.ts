/** Kafka header names on every envelope record. Consumers route and dedupe on these without parsing the body. */
export const ENVELOPE_HEADERS = {
  /** UUIDv7, unique forever; consumers dedupe on it. */
  eventId: 'event-id',
  contentType: 'content-type',
  schemaVersion: 'schema-version',
  /** NetBox content type, `<app_label>.<model>`. */
  objectType: 'object-type',
  event: 'event',
  /** W3C trace context, present only when tracing is on. */
  traceparent: 'traceparent',
} as const;

export const ENVELOPE_CONTENT_TYPE = 'application/json';

/** Bumped only for a change consumers must handle differently; decoders refuse versions they do not know. */
export const ENVELOPE_SCHEMA_VERSION = '1';
