import { DEAD_LETTER_HEADERS } from '../dead-letter-headers';
import type { EnvelopeDecodeReason } from '../envelope-decode.error';
import type { InternalRecordCheck } from '../internal-record-hmac';
import { ENVELOPE_CONTENT_TYPE, ENVELOPE_HEADERS, ENVELOPE_SCHEMA_VERSION } from '../envelope-headers';
import { ENVELOPE_EVENTS, ENVELOPE_KEYS } from '../netbox-envelope';
import type { AsyncApiMessage } from './asyncapi-types';
import type { JsonSchema } from './json-schema';
import { KAFKA_BINDING_VERSION } from './kafka-binding-version';
import { NON_NEGATIVE_INTEGER_TEXT_PATTERN, POSITIVE_INTEGER_TEXT_PATTERN } from './wire-format-schemas';

// Keyed by the type so a new decode reason cannot be added without being listed here.
const DECODE_REASONS: Readonly<Record<EnvelopeDecodeReason, true>> = {
  'missing-value': true,
  'invalid-json': true,
  'not-an-envelope': true,
  'missing-header': true,
  'header-mismatch': true,
  'unsupported-schema-version': true,
};

const ANY_TEXT: JsonSchema = { type: 'string' };

/** `InternalRecordCheck` reasons (internal-record-hmac.ts). */
const INTERNAL_RECORD_REFUSALS: ReadonlyArray<Exclude<InternalRecordCheck, { ok: true }>['reason']> = [
  'missing-record-hmac',
  'invalid-record-hmac',
];

/**
 * Written by the consumer runner (libs/platform/kafka, `ConsumerRunner`) for a record it could not decode
 * or whose handler failed with `PermanentFailure`; the dispatcher's event intake is its user. Also by the
 * token directories and the dispatcher's webhook view for internal records that fail their HMAC
 * (`RejectedRecordDeadLetter`), without the value.
 */
export function unprocessableRecordMessage(): AsyncApiMessage {
  const properties: Record<string, JsonSchema> = {
    [DEAD_LETTER_HEADERS.reason]: {
      type: 'string',
      description:
        'Why: an envelope decode reason for a record that is not a valid envelope, the reason of a ' +
        "handler's permanent failure, or why an internal record's HMAC was refused.",
      examples: [...Object.keys(DECODE_REASONS), ...INTERNAL_RECORD_REFUSALS],
    },
    [DEAD_LETTER_HEADERS.message]: { type: 'string', description: 'What exactly was wrong, for people.' },
    [DEAD_LETTER_HEADERS.sourceTopic]: { type: 'string', description: 'The topic the record was read from.' },
    [DEAD_LETTER_HEADERS.sourcePartition]: { type: 'string', pattern: NON_NEGATIVE_INTEGER_TEXT_PATTERN },
    [DEAD_LETTER_HEADERS.sourceOffset]: { type: 'string', pattern: NON_NEGATIVE_INTEGER_TEXT_PATTERN },
    [DEAD_LETTER_HEADERS.consumerGroup]: { type: 'string', description: 'The consumer group that read it.' },
  };
  return {
    name: 'dead-letter.unprocessable-record',
    title: 'Unprocessable record',
    summary: 'A consumed record that could not be decoded or handled, kept as it was read.',
    description:
      'Key and value are the original record\'s, unchanged (the key as UTF-8, `""` when it had none); its ' +
      'headers are copied as strings (the first value of a repeated header) and the `dead-letter-*` ' +
      'headers say why and where it was read. A record of an internal topic refused for its HMAC ' +
      '(`missing-record-hmac`, `invalid-record-hmac`) keeps its key and headers but not its value, which ' +
      'may hold a secret: the value is empty.',
    contentType: 'application/octet-stream',
    headers: {
      type: 'object',
      properties,
      required: Object.keys(properties),
      additionalProperties: { ...ANY_TEXT, description: "The original record's headers." },
    },
    payload: { description: 'The original value bytes: anything, empty for a record that had no value.' },
    bindings: {
      kafka: {
        key: { type: 'string', description: 'The original key, `""` when there was none.' },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
}

/**
 * Written by the dispatcher's dead-letter publisher (apps/dispatcher) for a delivery it gave up on: the
 * event as received plus the failure, so it can be inspected, replayed, or redelivered through the API.
 */
export function failedDeliveryMessage(): AsyncApiMessage {
  const properties: Record<string, JsonSchema> = {
    [ENVELOPE_HEADERS.eventId]: { type: 'string', minLength: 1, description: "The event's `event-id`." },
    [ENVELOPE_HEADERS.contentType]: { type: 'string', const: ENVELOPE_CONTENT_TYPE },
    [ENVELOPE_HEADERS.schemaVersion]: { type: 'string', const: ENVELOPE_SCHEMA_VERSION },
    [ENVELOPE_HEADERS.objectType]: { type: 'string', description: "The event's `object-type`." },
    [ENVELOPE_HEADERS.event]: { type: 'string', enum: [...ENVELOPE_EVENTS] },
    [DEAD_LETTER_HEADERS.reason]: {
      type: 'string',
      description:
        "Why the dispatcher gave up, one of its delivery failure reasons, e.g. 'retries-exhausted'.",
      examples: [
        'retries-exhausted',
        'render-error',
        'condition-error',
        'blocked-destination',
        'webhook-deleted',
      ],
    },
    [DEAD_LETTER_HEADERS.message]: {
      type: 'string',
      description: 'The last error, for people; `""` when there was none.',
    },
    [DEAD_LETTER_HEADERS.webhookId]: { type: 'string', pattern: POSITIVE_INTEGER_TEXT_PATTERN },
    [DEAD_LETTER_HEADERS.deliveryId]: {
      type: 'string',
      pattern: POSITIVE_INTEGER_TEXT_PATTERN,
      description: 'The delivery in `/api/extras/webhook-deliveries/{id}/`, where it can be redelivered.',
    },
    [DEAD_LETTER_HEADERS.attempts]: {
      type: 'string',
      pattern: NON_NEGATIVE_INTEGER_TEXT_PATTERN,
      description: 'HTTP attempts made; 0 when the delivery failed before any.',
    },
    [DEAD_LETTER_HEADERS.messageId]: {
      type: 'string',
      pattern: '^msg_.+_[1-9][0-9]*$',
      description: 'The Standard Webhooks `webhook-id` every attempt of this delivery carried.',
    },
  };
  return {
    name: 'dead-letter.failed-delivery',
    title: 'Failed delivery',
    summary: 'A webhook delivery the dispatcher gave up on, with the event it was delivering.',
    contentType: ENVELOPE_CONTENT_TYPE,
    headers: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false },
    payload: {
      type: 'object',
      required: [...ENVELOPE_KEYS],
      description: "The event's envelope bytes as the dispatcher received them (see the public channels).",
    },
    bindings: {
      kafka: {
        key: {
          type: 'string',
          description: 'The event\'s record key (the object id), `""` when it had none.',
        },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
}
