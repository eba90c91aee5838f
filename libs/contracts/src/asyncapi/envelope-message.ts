import { ENVELOPE_CONTENT_TYPE, ENVELOPE_HEADERS, ENVELOPE_SCHEMA_VERSION } from '../envelope-headers';
import { ENVELOPE_KEYS, type EnvelopeEvent } from '../netbox-envelope';
import { OBJECT_TYPES, type EventObjectType } from '../object-types';
import type { AsyncApiMessage } from './asyncapi-types';
import { schemaRef, type JsonSchema } from './json-schema';
import { KAFKA_BINDING_VERSION } from './kafka-binding-version';
import { NETBOX_SOURCE_HEADERS } from './netbox-hub-message';
import { EVENT_OBJECT_TYPE_CONTRACTS } from './object-type-schemas';
import {
  LOWER_CASE_UUID_PATTERN,
  POSITIVE_INTEGER_TEXT_PATTERN,
  TRACEPARENT_PATTERN,
  UUID_V7_PATTERN,
} from './wire-format-schemas';

/** The record key of every public topic: the object id, so one object's events stay in order. */
export const OBJECT_ID_KEY_SCHEMA: JsonSchema = {
  type: 'string',
  pattern: POSITIVE_INTEGER_TEXT_PATTERN,
  description: "The object's id as a decimal string: all events of one object go to one partition, in order.",
  examples: ['31'],
};

/**
 * The record headers `encodeEnvelope` writes, exactly these (the outbox relay publishes them unchanged).
 * Header values are UTF-8 strings.
 */
export function envelopeHeadersSchema(objectType: EventObjectType, event: EnvelopeEvent): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    [ENVELOPE_HEADERS.eventId]: {
      type: 'string',
      pattern: UUID_V7_PATTERN,
      description:
        'UUIDv7, unique forever and kept when an event is published again: deduplicate on it (delivery ' +
        'is at least once).',
    },
    [ENVELOPE_HEADERS.contentType]: { type: 'string', const: ENVELOPE_CONTENT_TYPE },
    [ENVELOPE_HEADERS.schemaVersion]: {
      type: 'string',
      const: ENVELOPE_SCHEMA_VERSION,
      description:
        'Changes only for a change consumers must handle differently; refuse versions you do not know.',
    },
    [ENVELOPE_HEADERS.objectType]: {
      type: 'string',
      const: objectType,
      description: 'NetBox content type, `<app_label>.<model>`: route on it without parsing the value.',
    },
    [ENVELOPE_HEADERS.event]: { type: 'string', const: event, description: "Equals the value's `event`." },
    [ENVELOPE_HEADERS.traceparent]: {
      type: 'string',
      pattern: TRACEPARENT_PATTERN,
      description: 'W3C trace context; present only when the producer runs with tracing on.',
    },
    // A record the NetBox hub took from a NetBox running Validity carries these (and NetBox's own body).
    ...NETBOX_SOURCE_HEADERS,
  };
  const optional = new Set<string>([ENVELOPE_HEADERS.traceparent, ...Object.keys(NETBOX_SOURCE_HEADERS)]);
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((name) => !optional.has(name)),
    additionalProperties: false,
  };
}

/** NetBox's `{prechange, postchange}`: null before a create and after a delete. */
function snapshotsSchema(snapshot: JsonSchema, event: EnvelopeEvent): JsonSchema {
  const absent: JsonSchema = { type: 'null' };
  return {
    type: 'object',
    description:
      "NetBox's change-logging snapshots of the object before and after the change; null where there is none.",
    properties: {
      prechange: event === 'created' ? absent : snapshot,
      postchange: event === 'deleted' ? absent : snapshot,
    },
    required: ['prechange', 'postchange'],
    additionalProperties: false,
  };
}

/** The record value: NetBox 3.6's webhook body, as `serializeEnvelope` writes it. */
export function envelopePayloadSchema(objectType: EventObjectType, event: EnvelopeEvent): JsonSchema {
  const contract = EVENT_OBJECT_TYPE_CONTRACTS[objectType];
  return {
    type: 'object',
    description:
      "NetBox 3.6's webhook body, byte for byte what a NetBox webhook without `body_template` posts: keys " +
      'in the order listed here (`event, timestamp, model, username, request_id, data, snapshots`), ' +
      "written as Python's `json.dumps` writes them (separators `, ` and `: `, no newline, non-ASCII " +
      'escaped as `\\uXXXX`). Forward these bytes as they are: re-serializing may change them.',
    properties: {
      event: { type: 'string', const: event },
      timestamp: schemaRef('EnvelopeTimestamp'),
      model: {
        type: 'string',
        const: OBJECT_TYPES[objectType].model,
        description: 'Lower-case model name, without the app label.',
      },
      username: {
        type: ['string', 'null'],
        description: 'The user whose API token made the change; null is allowed by the NetBox format.',
      },
      request_id: {
        type: ['string', 'null'],
        pattern: LOWER_CASE_UUID_PATTERN,
        description:
          'The `X-Request-ID` of the REST response that caused the change; null is allowed by the NetBox ' +
          'format.',
      },
      data: contract.data[event],
      snapshots: snapshotsSchema(contract.snapshot, event),
    },
    required: [...ENVELOPE_KEYS],
    additionalProperties: false,
  };
}

/** The message of the public topic `<objectType>.<event>`. */
export function envelopeMessage(objectType: EventObjectType, event: EnvelopeEvent): AsyncApiMessage {
  const { label } = EVENT_OBJECT_TYPE_CONTRACTS[objectType];
  return {
    name: `${objectType}.${event}`,
    title: `${label} ${event}`,
    summary: `A ${label.toLowerCase()} was ${event}: NetBox 3.6's webhook body.`,
    contentType: ENVELOPE_CONTENT_TYPE,
    headers: envelopeHeadersSchema(objectType, event),
    payload: envelopePayloadSchema(objectType, event),
    bindings: { kafka: { key: OBJECT_ID_KEY_SCHEMA, bindingVersion: KAFKA_BINDING_VERSION } },
  };
}
