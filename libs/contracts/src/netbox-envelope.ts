import type { JsonObject } from './json-value';
import type { OperationalEventName } from './operational-events';

/** The object events NetBox 3.6 sends for a model change (job events: `JOB_EVENTS`). */
export const ENVELOPE_EVENTS = ['created', 'updated', 'deleted'] as const;
export type EnvelopeEvent = (typeof ENVELOPE_EVENTS)[number];

/**
 * The job events NetBox (3.5+) sends when a background job of an object starts or ends (4.x maps
 * `job_completed`, `job_failed` and `job_errored` onto `job_ended`). Only the NetBox hub carries them:
 * their `data` is the job's data (often null) and they have no `snapshots`.
 */
export const JOB_EVENTS = ['job_started', 'job_ended'] as const;
export type JobEvent = (typeof JOB_EVENTS)[number];

/** NetBox's snapshot pair: `prechange` is null for creates, `postchange` is null for deletes. */
export interface EnvelopeSnapshots {
  prechange: JsonObject | null;
  postchange: JsonObject | null;
}

/**
 * The body NetBox 3.6 sends to a webhook without `body_template`, and the value of every record on a public
 * topic. Mirrored field for field so receivers and consumers written for NetBox work unchanged.
 */
export interface NetBoxEnvelope {
  /** NetBox's object or job events; an operational event (issue 18) names what happened instead. */
  event: EnvelopeEvent | JobEvent | OperationalEventName;
  /** Flush time, `YYYY-MM-DDTHH:MM:SS.ffffff+00:00` (see `netboxTimestamp`). */
  timestamp: string;
  /** Lower-case model name without app label, e.g. `compliancereport`. */
  model: string;
  username: string | null;
  /** Equals the `X-Request-ID` of the REST response that caused the event. */
  request_id: string | null;
  /** The REST representation of the object, with relative `url`s; a job event's null `data` reads `{}`. */
  data: JsonObject;
  snapshots: EnvelopeSnapshots;
}

/** The order NetBox writes the envelope keys in; part of the wire format. */
export const ENVELOPE_KEYS = [
  'event',
  'timestamp',
  'model',
  'username',
  'request_id',
  'data',
  'snapshots',
] as const satisfies readonly (keyof NetBoxEnvelope)[];

export function isEnvelopeEvent(value: unknown): value is EnvelopeEvent {
  return (ENVELOPE_EVENTS as readonly unknown[]).includes(value);
}

export function isJobEvent(value: unknown): value is JobEvent {
  return (JOB_EVENTS as readonly unknown[]).includes(value);
}
