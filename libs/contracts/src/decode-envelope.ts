import { EnvelopeDecodeError, type EnvelopeDecodeReason } from './envelope-decode.error';
import { ENVELOPE_CONTENT_TYPE, ENVELOPE_HEADERS, ENVELOPE_SCHEMA_VERSION } from './envelope-headers';
import type { JsonObject } from './json-value';
import type { KafkaHeaders, KafkaRecord } from './kafka-record';
import { ENVELOPE_KEYS, isEnvelopeEvent, isJobEvent, type NetBoxEnvelope } from './netbox-envelope';
import { isOperationalEventName, isOperationalObjectType } from './operational-events';

/** A record that is a valid envelope whose headers agree with its body. */
export interface DecodedEnvelope {
  ok: true;
  envelope: NetBoxEnvelope;
  eventId: string;
  /**
   * `<app_label>.<model>` from the header. Not restricted to known object types, so a consumer keeps
   * working when a newer producer publishes a type it has not heard of yet.
   */
  objectType: string;
  /** An object event, or (object types `validity-events.*` only) an operational event of issue 18. */
  event: NetBoxEnvelope['event'];
  key: string | null;
  traceparent: string | null;
  /** The record value itself: forward these bytes, since re-serializing could change them. */
  raw: Buffer;
}

export type DecodeResult = DecodedEnvelope | { ok: false; error: EnvelopeDecodeError };

type Failure = Extract<DecodeResult, { ok: false }>;
type Checked<T> = { ok: true; value: T } | Failure;

/**
 * Reads an envelope record, checking headers against the body. It never throws, whatever the bytes: a
 * consumer must be able to dead-letter a poison record rather than crash on it. Keys beyond the envelope's
 * seven are tolerated (later NetBox versions add some) and left out of `envelope`.
 */
export function decodeEnvelope(record: KafkaRecord): DecodeResult {
  const raw = record.value;
  if (raw === null || raw.length === 0) {
    return failure('missing-value', 'The record has no value (a tombstone or an empty message)');
  }

  const headers = readHeaders(record.headers);
  if (!headers.ok) return headers;
  const { eventId, contentType, schemaVersion, objectType, event, traceparent } = headers.value;
  if (schemaVersion !== ENVELOPE_SCHEMA_VERSION) {
    return failure(
      'unsupported-schema-version',
      `Header schema-version is "${schemaVersion}", this decoder reads "${ENVELOPE_SCHEMA_VERSION}"`,
    );
  }
  if (contentType !== ENVELOPE_CONTENT_TYPE) {
    return failure(
      'header-mismatch',
      `Header content-type is "${contentType}", expected "${ENVELOPE_CONTENT_TYPE}"`,
    );
  }

  const parsed = parseJson(raw);
  if (!parsed.ok) return parsed;
  const envelope = toEnvelope(parsed.value);
  if (!envelope.ok) return envelope;

  if (event !== envelope.value.event) {
    return failure(
      'header-mismatch',
      `Header event is "${event}" but the body's event is "${envelope.value.event}"`,
    );
  }
  if (isOperationalEventName(envelope.value.event) !== isOperationalObjectType(objectType)) {
    return failure(
      'header-mismatch',
      `Event "${envelope.value.event}" does not belong to object type "${objectType}"`,
    );
  }
  if (!objectTypeHasModel(objectType, envelope.value.model)) {
    return failure(
      'header-mismatch',
      `Header object-type is "${objectType}" but the body's model is "${envelope.value.model}"`,
    );
  }

  return {
    ok: true,
    envelope: envelope.value,
    eventId,
    objectType,
    event: envelope.value.event,
    key: record.key === null ? null : record.key.toString('utf8'),
    traceparent,
    raw,
  };
}

interface EnvelopeHeaders {
  eventId: string;
  contentType: string;
  schemaVersion: string;
  objectType: string;
  event: string;
  traceparent: string | null;
}

/**
 * Each header read once, by name, duplicates refused before missing ones are named: the consumers decode
 * every record they fetch, and listing the names and building a partial record of them per record was
 * ~2.7 µs, a third of the dispatcher's decoding.
 */
function readHeaders(headers: KafkaHeaders): Checked<EnvelopeHeaders> {
  const eventId = headerValue(headers, ENVELOPE_HEADERS.eventId);
  const contentType = headerValue(headers, ENVELOPE_HEADERS.contentType);
  const schemaVersion = headerValue(headers, ENVELOPE_HEADERS.schemaVersion);
  const objectType = headerValue(headers, ENVELOPE_HEADERS.objectType);
  const event = headerValue(headers, ENVELOPE_HEADERS.event);
  const traceparent = headerValue(headers, ENVELOPE_HEADERS.traceparent);
  for (const value of [eventId, contentType, schemaVersion, objectType, event, traceparent])
    if (typeof value === 'object') return value;
  if (typeof eventId !== 'string') return missingHeader(ENVELOPE_HEADERS.eventId);
  if (typeof contentType !== 'string') return missingHeader(ENVELOPE_HEADERS.contentType);
  if (typeof schemaVersion !== 'string') return missingHeader(ENVELOPE_HEADERS.schemaVersion);
  if (typeof objectType !== 'string') return missingHeader(ENVELOPE_HEADERS.objectType);
  if (typeof event !== 'string') return missingHeader(ENVELOPE_HEADERS.event);
  return {
    ok: true,
    value: {
      eventId,
      contentType,
      schemaVersion,
      objectType,
      event,
      traceparent: typeof traceparent === 'string' ? traceparent : null,
    },
  };
}

/** A header's value; undefined when it is absent or empty; a failure when it appears more than once. */
function headerValue(headers: KafkaHeaders, name: string): string | undefined | Failure {
  const header = headers[name];
  if (header === undefined) return undefined;
  if (Array.isArray(header)) {
    if (header.length > 1)
      return failure('header-mismatch', `Header ${name} appears ${header.length} times, expected once`);
    if (header.length === 0) return undefined;
  }
  const value = (Array.isArray(header) ? header[0] : header).toString();
  return value === '' ? undefined : value;
}

function missingHeader(name: string): Failure {
  return failure('missing-header', `Header ${name} is missing or empty`);
}

// Fatal decoding rejects invalid UTF-8 instead of silently turning it into U+FFFD; the BOM is kept so that
// JSON.parse rejects it, as an envelope never starts with one.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function parseJson(bytes: Buffer): Checked<unknown> {
  try {
    return { ok: true, value: JSON.parse(utf8.decode(bytes)) };
  } catch (error) {
    return failure('invalid-json', `The value is not UTF-8 JSON: ${(error as Error).message}`);
  }
}

function toEnvelope(value: unknown): Checked<NetBoxEnvelope> {
  if (!isJsonObject(value)) return notAnEnvelope(`The value is ${describe(value)}, expected a JSON object`);
  const withModel = withModelOfObjectType(value);
  if (!withModel.ok) return withModel;
  const jobEvent = isJobEvent(withModel.value.event);
  const missingKey = ENVELOPE_KEYS.find(
    (key) => !Object.hasOwn(withModel.value, key) && !(jobEvent && JOB_OPTIONAL_KEYS.includes(key)),
  );
  if (missingKey !== undefined) return notAnEnvelope(`The envelope has no "${missingKey}" key`);

  const { event, timestamp, model, username, request_id } = withModel.value;
  // A job's data is whatever the job stored, often nothing, and it has no snapshots (NetBox 3.5+). Matching
  // and templates see `{}` for data that is not an object; the body itself is forwarded as it came.
  const data = jobEvent && !isJsonObject(withModel.value.data) ? {} : withModel.value.data;
  const snapshots = jobEvent
    ? (withModel.value.snapshots ?? { prechange: null, postchange: null })
    : withModel.value.snapshots;
  if (!isEnvelopeEvent(event) && !isJobEvent(event) && !isOperationalEventName(event)) {
    return notAnEnvelope(
      `"event" must be created, updated, deleted, job_started or job_ended, got ${describe(event)}`,
    );
  }
  if (typeof timestamp !== 'string') {
    return notAnEnvelope(`"timestamp" must be a string, got ${describe(timestamp)}`);
  }
  if (typeof model !== 'string' || model === '') {
    return notAnEnvelope(`"model" must be a non-empty string, got ${describe(model)}`);
  }
  if (!isStringOrNull(username)) {
    return notAnEnvelope(`"username" must be a string or null, got ${describe(username)}`);
  }
  if (!isStringOrNull(request_id)) {
    return notAnEnvelope(`"request_id" must be a string or null, got ${describe(request_id)}`);
  }
  if (!isJsonObject(data)) return notAnEnvelope(`"data" must be an object, got ${describe(data)}`);
  if (!isJsonObject(snapshots)) {
    return notAnEnvelope(`"snapshots" must be an object, got ${describe(snapshots)}`);
  }
  const { prechange, postchange } = snapshots;
  if (!isObjectOrNull(prechange)) {
    return notAnEnvelope(`"snapshots.prechange" must be an object or null, got ${describe(prechange)}`);
  }
  if (!isObjectOrNull(postchange)) {
    return notAnEnvelope(`"snapshots.postchange" must be an object or null, got ${describe(postchange)}`);
  }

  return {
    ok: true,
    value: { event, timestamp, model, username, request_id, data, snapshots: { prechange, postchange } },
  };
}

/**
 * NetBox 4.4 added `object_type` (`dcim.device`) beside `model`, and 4.5 removed `model`; a body the NetBox
 * hub took from a NetBox 4.5+ carries only `object_type`. Its model part stands in for `model` then; when
 * both are present they must agree.
 */
function withModelOfObjectType(value: JsonObject): Checked<JsonObject> {
  const objectType = value.object_type;
  if (objectType === undefined) return { ok: true, value };
  if (typeof objectType !== 'string' || !/^[^.]+\.[^.]+$/.test(objectType)) {
    return notAnEnvelope(`"object_type" must be "<app_label>.<model>", got ${describe(objectType)}`);
  }
  const model = objectType.split('.')[1];
  if (!Object.hasOwn(value, 'model')) return { ok: true, value: { ...value, model } };
  if (value.model !== model) {
    return notAnEnvelope(`"model" is ${describe(value.model)} but "object_type" is "${objectType}"`);
  }
  return { ok: true, value };
}

/** Keys a job event body may leave out: NetBox sends no snapshots for a job. */
const JOB_OPTIONAL_KEYS: readonly string[] = ['snapshots'];

function objectTypeHasModel(objectType: string, model: string): boolean {
  const [appLabel, objectTypeModel, ...rest] = objectType.split('.');
  return appLabel !== '' && objectTypeModel === model && rest.length === 0;
}

function notAnEnvelope(message: string): Failure {
  return failure('not-an-envelope', message);
}

function failure(reason: EnvelopeDecodeReason, message: string): Failure {
  return { ok: false, error: new EnvelopeDecodeError(reason, message) };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObjectOrNull(value: unknown): value is JsonObject | null {
  return value === null || isJsonObject(value);
}

function isStringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
