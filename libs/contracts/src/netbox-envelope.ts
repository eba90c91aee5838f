import type { JsonObject } from './json-value';
import type { OperationalEventName } from './operational-events';

/** The object events NetBox 3.6 sends for a model change (job events are not part of this system). */
export const ENVELOPE_EVENTS = ['created', 'updated', 'deleted'] as const;
export type EnvelopeEvent = (typeof ENVELOPE_EVENTS)[number];

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
  /** NetBox's object events; an operational event (issue 18) names what happened instead. */
  event: EnvelopeEvent | OperationalEventName;
  /** Flush time, `YYYY-MM-DDTHH:MM:SS.ffffff+00:00` (see `netboxTimestamp`). */
  timestamp: string;
  /** Lower-case model name without app label, e.g. `compliancereport`. */
  model: string;
  username: string | null;
  /** Equals the `X-Request-ID` of the REST response that caused the event. */
  request_id: string | null;
  /** The REST representation of the object, with relative `url`s. */
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
