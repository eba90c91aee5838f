import { ENVELOPE_CONTENT_TYPE, ENVELOPE_HEADERS, ENVELOPE_SCHEMA_VERSION } from '../envelope-headers';
import { ENVELOPE_KEYS } from '../netbox-envelope';
import type { OperationalEventDefinition } from '../operational-events';
import type { AsyncApiMessage } from './asyncapi-types';
import { schemaRef, type JsonSchema } from './json-schema';
import { KAFKA_BINDING_VERSION } from './kafka-binding-version';
import { POSITIVE_INTEGER_TEXT_PATTERN, UUID_V7_PATTERN } from './wire-format-schemas';

const WEBHOOK_REF: JsonSchema = {
  type: 'object',
  description: 'The webhook: `{id, url, name}` (url relative).',
  properties: { id: { type: 'integer' }, url: { type: 'string' }, name: { type: 'string' } },
  required: ['id', 'url', 'name'],
};

/** `data` of each operational event, as the registry and the dispatcher write it. */
const DATA: Record<string, JsonSchema> = {
  'validity-events.webhook.disabled': {
    type: 'object',
    properties: {
      webhook: WEBHOOK_REF,
      cause: { type: 'string', enum: ['gone', 'failing'], description: '410 Gone, or failing too long.' },
      reason: { type: 'string', description: "The webhook's new `disabled_reason`." },
      failing_since: { type: ['string', 'null'], description: 'ISO datetime, for `failing`.' },
    },
    required: ['webhook', 'cause', 'reason', 'failing_since'],
  },
  'validity-events.delivery.exhausted': deliveryData('The retries were used up; this is its last error.'),
  'validity-events.delivery.recovered': deliveryData('Delivered after `recover`; null.'),
};

function deliveryData(lastError: string): JsonSchema {
  return {
    type: 'object',
    properties: {
      id: { type: 'integer', description: 'The delivery (`/api/extras/webhook-deliveries/{id}/`).' },
      url: { type: 'string' },
      webhook: { type: 'object', properties: { id: { type: 'integer' }, url: { type: 'string' } } },
      event_id: { type: 'string', description: 'The `event-id` of the event delivered.' },
      object_type: { type: 'string' },
      event: { type: 'string' },
      message_id: { type: 'string', description: 'Its Standard Webhooks `webhook-id`.' },
      attempts: { type: 'integer' },
      last_error: { type: ['string', 'null'], description: lastError },
    },
    required: [
      'id',
      'url',
      'webhook',
      'event_id',
      'object_type',
      'event',
      'message_id',
      'attempts',
      'last_error',
    ],
  };
}

/** The message of an operational event topic (issue 18): the envelope's keys and headers, its own `data`. */
export function operationalEventMessage(definition: OperationalEventDefinition): AsyncApiMessage {
  const name = `${definition.objectType}.${definition.event}`;
  const headers: Record<string, JsonSchema> = {
    [ENVELOPE_HEADERS.eventId]: { type: 'string', pattern: UUID_V7_PATTERN },
    [ENVELOPE_HEADERS.contentType]: { type: 'string', const: ENVELOPE_CONTENT_TYPE },
    [ENVELOPE_HEADERS.schemaVersion]: { type: 'string', const: ENVELOPE_SCHEMA_VERSION },
    [ENVELOPE_HEADERS.objectType]: { type: 'string', const: definition.objectType },
    [ENVELOPE_HEADERS.event]: { type: 'string', const: definition.event },
  };
  return {
    name,
    title: definition.label,
    summary: definition.summary,
    contentType: ENVELOPE_CONTENT_TYPE,
    headers: {
      type: 'object',
      properties: headers,
      required: Object.keys(headers),
      additionalProperties: false,
    },
    payload: {
      type: 'object',
      description:
        'An operational event in the envelope format (same keys, order and serializer as object events); ' +
        '`event` names what happened, `snapshots` are both null. Deliverable through webhooks naming the ' +
        `content type \`${definition.objectType}\`.`,
      properties: {
        event: { type: 'string', const: definition.event },
        timestamp: schemaRef('EnvelopeTimestamp'),
        model: { type: 'string', const: definition.objectType.split('.')[1] },
        username: { type: 'string', description: 'The service that noticed.' },
        request_id: { type: 'string', description: 'A fresh UUIDv7 (no REST request caused it).' },
        data: DATA[name],
        snapshots: {
          type: 'object',
          properties: { prechange: { type: 'null' }, postchange: { type: 'null' } },
          required: ['prechange', 'postchange'],
        },
      },
      required: [...ENVELOPE_KEYS],
      additionalProperties: false,
    },
    bindings: {
      kafka: {
        key: {
          type: 'string',
          pattern: POSITIVE_INTEGER_TEXT_PATTERN,
          description: 'The webhook or delivery id.',
        },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
}
