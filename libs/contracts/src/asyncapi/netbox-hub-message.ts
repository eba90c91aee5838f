import { ENVELOPE_CONTENT_TYPE, ENVELOPE_HEADERS, ENVELOPE_SCHEMA_VERSION } from '../envelope-headers';
import type { EnvelopeEvent, JobEvent } from '../netbox-envelope';
import type { AsyncApiMessage } from './asyncapi-types';
import type { JsonSchema } from './json-schema';
import { KAFKA_BINDING_VERSION } from './kafka-binding-version';
import { UUID_V7_PATTERN } from './wire-format-schemas';

/** Headers the NetBox hub adds: which registered source sent the event, and that NetBox's base URL. */
export const NETBOX_SOURCE_HEADERS: Record<string, JsonSchema> = {
  source: {
    type: 'string',
    description: 'Name of the NetBox source (`/api/ingest/sources/`) whose webhook sent this body.',
  },
  'source-url': {
    type: 'string',
    description:
      "That NetBox's base URL, when the source has one: resolve the body's relative `url`s against it.",
  },
};

const OBJECT_KEY_SCHEMA: JsonSchema = {
  type: 'string',
  description: "The object's id (`data.id`) as a string: one object's events stay in order.",
};

const JOB_KEY_SCHEMA: JsonSchema = {
  type: ['string', 'null'],
  description: "`data.id` as a string when the job's data has one; otherwise no key.",
};

/**
 * A record the NetBox hub (apps/ingest) published: the body a NetBox (3.4 to 4.6) posted to
 * `POST /api/ingest/netbox/{source}/`, byte for byte, signature checked. Its keys are that NetBox
 * version's: `model` up to 4.4, `object_type` from 4.4, `request` from 4.6.
 */
export function netboxHubMessage(objectType: string, event: EnvelopeEvent | JobEvent): AsyncApiMessage {
  const jobEvent = event === 'job_started' || event === 'job_ended';
  const headers: Record<string, JsonSchema> = {
    [ENVELOPE_HEADERS.eventId]: {
      type: 'string',
      pattern: UUID_V7_PATTERN,
      description:
        'UUIDv7 given when the hub accepted the request; a NetBox retry of it is not published again.',
    },
    [ENVELOPE_HEADERS.contentType]: { type: 'string', const: ENVELOPE_CONTENT_TYPE },
    [ENVELOPE_HEADERS.schemaVersion]: { type: 'string', const: ENVELOPE_SCHEMA_VERSION },
    [ENVELOPE_HEADERS.objectType]: { type: 'string', const: objectType },
    [ENVELOPE_HEADERS.event]: { type: 'string', const: event },
    ...NETBOX_SOURCE_HEADERS,
  };
  return {
    name: `${objectType}.${event}`,
    title: `${objectType} ${event} (from NetBox)`,
    summary: jobEvent
      ? `A NetBox job of a ${objectType} ${event === 'job_started' ? 'started' : 'ended'}: the webhook body that NetBox sent, unchanged.`
      : `A NetBox ${objectType} was ${event}: the webhook body that NetBox sent, unchanged.`,
    contentType: ENVELOPE_CONTENT_TYPE,
    headers: {
      type: 'object',
      properties: headers,
      required: Object.keys(headers).filter((name) => name !== 'source-url'),
      additionalProperties: false,
    },
    payload: {
      type: 'object',
      description:
        "NetBox's default webhook body, as the NetBox that sent it wrote it (Python `json.dumps`): `event, " +
        'timestamp, model (up to 4.4) | object_type (4.4+), username, request_id, data, snapshots`, plus ' +
        '`request` (4.6) and `context` (4.4+, from plugins).',
      properties: {
        event: { type: 'string', const: event },
        timestamp: {
          type: 'string',
          description:
            'NetBox flush time: `YYYY-MM-DD HH:MM:SS.ffffff+00:00` before 3.6.6, with a `T` after.',
        },
        model: { type: 'string', description: 'Lower-case model name (NetBox up to 4.4).' },
        object_type: {
          type: 'string',
          const: objectType,
          description: '`<app_label>.<model>` (NetBox 4.4+).',
        },
        username: { type: ['string', 'null'] },
        request_id: { type: ['string', 'null'] },
        data: jobEvent
          ? { description: 'What the job stored (`Job.data`), often null: any JSON.' }
          : { type: 'object', description: "The object's REST representation, with relative `url`s." },
        snapshots: {
          type: 'object',
          properties: { prechange: { type: ['object', 'null'] }, postchange: { type: ['object', 'null'] } },
          required: ['prechange', 'postchange'],
        },
        request: {
          type: 'object',
          description: 'NetBox 4.6: `{id, method, path, user}` of the causing request.',
        },
      },
      // A job event has no snapshots.
      required: ['event', 'timestamp', 'username', 'request_id', 'data', ...(jobEvent ? [] : ['snapshots'])],
    },
    bindings: {
      kafka: { key: jobEvent ? JOB_KEY_SCHEMA : OBJECT_KEY_SCHEMA, bindingVersion: KAFKA_BINDING_VERSION },
    },
  };
}
