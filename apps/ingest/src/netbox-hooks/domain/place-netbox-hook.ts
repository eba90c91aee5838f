import {
  decodeEnvelope,
  ENVELOPE_CONTENT_TYPE,
  ENVELOPE_HEADERS,
  ENVELOPE_SCHEMA_VERSION,
  NETBOX_CORE_OBJECT_TYPES,
  NETBOX_JOB_OBJECT_TYPES,
  objectTypeFromUrl,
} from '@validity/contracts';

/** The `event` values NetBox 3.4-4.6 put in a webhook body (4.x maps its event types onto these). */
export const NETBOX_HOOK_EVENTS = ['created', 'updated', 'deleted', 'job_started', 'job_ended'] as const;
export type NetBoxHookEvent = (typeof NETBOX_HOOK_EVENTS)[number];

/** Where a NetBox webhook body goes: `<objectType>.<event>`, keyed by the object's id. */
export interface HookPlacement {
  objectType: string;
  event: NetBoxHookEvent;
  topic: string;
  /** The object id as a string; null for a job event whose `data` has none (Kafka then spreads them). */
  key: string | null;
}

export type PlaceResult = { ok: true; placement: HookPlacement } | { ok: false; reason: string };

const OBJECT_TYPE = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

/** Model names that name one model only, for 3.x job events, which carry `model` but no `url`. */
const BY_UNIQUE_MODEL = new Map(
  [...new Set([...NETBOX_CORE_OBJECT_TYPES.map((objectType) => objectType.name), ...NETBOX_JOB_OBJECT_TYPES])]
    .map((name) => [name.split('.')[1], name] as const)
    .filter(([model], _index, all) => all.filter(([other]) => other === model).length === 1),
);

/**
 * Reads a NetBox webhook body (NetBox's default body, 3.4 to 4.6) far enough to publish it: the event,
 * the object type (4.4+'s `object_type`, else derived from `data.url`, else for job events from a
 * model name only one model has), and the object id. Object and job events must also be what the
 * dispatcher can deliver (`decodeEnvelope` reads them), so a body it would dead-letter is refused here,
 * with the reason, while NetBox can still be told. The body itself is never rewritten.
 */
export function placeNetBoxHook(raw: Buffer): PlaceResult {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    return refuse(`The body is not JSON: ${(error as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refuse("The body is not a JSON object; is the webhook's body template NetBox's default?");
  }
  const { event, object_type: objectTypeField, model, data } = body as Record<string, unknown>;
  if (!(NETBOX_HOOK_EVENTS as readonly unknown[]).includes(event)) {
    return refuse(
      `"event" must be one of ${NETBOX_HOOK_EVENTS.join(', ')}, got ${JSON.stringify(event) ?? 'nothing'}`,
    );
  }
  const hookEvent = event as NetBoxHookEvent;
  const dataObject =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;

  let objectType: string | undefined;
  if (objectTypeField !== undefined) {
    if (typeof objectTypeField !== 'string' || !OBJECT_TYPE.test(objectTypeField)) {
      return refuse(`"object_type" must be "<app_label>.<model>", got ${JSON.stringify(objectTypeField)}`);
    }
    objectType = objectTypeField;
  } else if (typeof dataObject?.url === 'string') {
    objectType = objectTypeFromUrl(dataObject.url)?.name;
    if (objectType === undefined) {
      return refuse(
        `"data.url" ${JSON.stringify(dataObject.url)} names no NetBox model this hub knows, and there is no "object_type"`,
      );
    }
  } else if (hookEvent.startsWith('job_') && typeof model === 'string') {
    objectType = BY_UNIQUE_MODEL.get(model);
    if (objectType === undefined)
      return refuse(`"model" ${JSON.stringify(model)} does not name one NetBox model`);
  } else {
    return refuse('The object type cannot be told: the body has neither "object_type" nor a "data.url"');
  }
  if (model !== undefined && model !== objectType.split('.')[1]) {
    return refuse(`"model" is ${JSON.stringify(model)} but the object is a ${objectType}`);
  }

  const id = dataObject?.id;
  const key = typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : null;
  if (!hookEvent.startsWith('job_') && key === null) {
    return refuse('"data.id" is missing: an object event must name its object');
  }
  const decoded = decodeEnvelope({
    key: key === null ? null : Buffer.from(key),
    value: raw,
    headers: {
      [ENVELOPE_HEADERS.eventId]: 'check',
      [ENVELOPE_HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
      [ENVELOPE_HEADERS.schemaVersion]: ENVELOPE_SCHEMA_VERSION,
      [ENVELOPE_HEADERS.objectType]: objectType,
      [ENVELOPE_HEADERS.event]: hookEvent,
    },
  });
  if (!decoded.ok) return refuse(`Not a NetBox webhook body: ${decoded.error.message}`);
  return { ok: true, placement: { objectType, event: hookEvent, topic: `${objectType}.${hookEvent}`, key } };
}

function refuse(reason: string): PlaceResult {
  return { ok: false, reason };
}
