import { pythonJsonDumps, type JsonObject, type JsonValue } from '@validity/contracts';

/** The events with an object (and so a request and snapshots); job events have neither. */
const OBJECT_EVENTS = new Set(['created', 'updated', 'deleted']);

/** The REST method that causes each object event here (NetBox's `request.method`). */
const REQUEST_METHODS: Readonly<Record<string, string>> = {
  created: 'POST',
  updated: 'PATCH',
  deleted: 'DELETE',
};

/**
 * The default body NetBox 4.6 sends for an event rule's webhook, made from the event as it is stored (a
 * NetBox 3.6 envelope from this system, or a body the NetBox hub took in): keys `event, timestamp,
 * object_type, username, request_id, data, request, snapshots` (NetBox 4.6's `send_webhook` context; no
 * `model`, which 4.5 removed), the rule's `action_data` merged into `data` as NetBox 4.x does (the
 * object's own keys win), Python's `json.dumps` spelling.
 *
 * `request` is `{id, method, path, user}` of the REST request that caused the event: its id and user are
 * the envelope's `request_id` and `username`; the method and path are those of the request that makes
 * such an event here (POST to the list for a create, PATCH or DELETE on the object's `url`), since the
 * envelope does not carry them. Absent when there was no request (`request_id` null), as in NetBox. A
 * body that already has `object_type` and no `model` (a NetBox 4.5+ body from the hub) is sent as it came,
 * unless there is `action_data` to merge; a body that is not a JSON object is sent unchanged.
 */
export function netbox46Body(body: Buffer, objectType: string, actionData: JsonValue | undefined): Buffer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (!isObject(parsed)) return body;
  const hasActionData = isObject(actionData) && Object.keys(actionData).length > 0;
  if (Object.hasOwn(parsed, 'object_type') && !Object.hasOwn(parsed, 'model') && !hasActionData) return body;

  const event = parsed.event;
  const data = isObject(parsed.data) && hasActionData ? { ...actionData, ...parsed.data } : parsed.data;
  const username = parsed.username ?? null;
  const requestId = parsed.request_id ?? null;
  const shaped: JsonObject = {
    event: event ?? null,
    timestamp: parsed.timestamp ?? null,
    object_type: typeof parsed.object_type === 'string' ? parsed.object_type : objectType,
    username,
    request_id: requestId,
    data: data ?? null,
  };
  if (typeof event === 'string' && OBJECT_EVENTS.has(event)) {
    if (isObject(parsed.request)) shaped.request = parsed.request;
    else if (requestId !== null) shaped.request = requestOf(event, data, requestId, username);
    if (parsed.snapshots !== undefined) shaped.snapshots = parsed.snapshots;
  }
  return Buffer.from(pythonJsonDumps(shaped), 'utf8');
}

function requestOf(event: string, data: JsonValue | undefined, id: JsonValue, user: JsonValue): JsonObject {
  const url = isObject(data) && typeof data.url === 'string' ? data.url : null;
  // A create is a POST to the list: the object's url without its id.
  const path = url === null ? null : event === 'created' ? url.replace(/[^/]+\/$/, '') : url;
  return { id, method: REQUEST_METHODS[event], path, user };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
