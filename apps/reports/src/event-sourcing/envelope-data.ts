import { preciseTimeOfRestDateTime, type JsonObject, type PreciseTime } from '@validity/contracts';
import type { StoredEvent } from '@validity/platform/event-store';

/**
 * The `data` of a stored envelope event: the object's REST representation (relative urls) after the
 * change, or before it for a delete, which is what the projections rebuild its row from.
 */
export function envelopeDataOf(event: StoredEvent): JsonObject {
  const envelope = event.payload === null ? null : (JSON.parse(event.payload.toString('utf8')) as unknown);
  const data = (envelope as { data?: unknown } | null)?.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`event ${event.position} (${event.type}) holds no envelope data`);
  }
  return data as JsonObject;
}

/** What every object's `data` ends with, read back: its custom fields and its two REST datetimes. */
export interface ChangeLoggedFields {
  customFields: JsonObject;
  created: PreciseTime;
  lastUpdated: PreciseTime;
}

export function changeLoggedFieldsOf(data: JsonObject): ChangeLoggedFields {
  return {
    customFields: data.custom_fields as JsonObject,
    created: preciseTimeOfRestDateTime(data.created as string),
    lastUpdated: preciseTimeOfRestDateTime(data.last_updated as string),
  };
}
