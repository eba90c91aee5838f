import type { JsonObject } from '@validity/contracts';
import type { StoredEvent } from '@validity/platform/event-store';
import { envelopeDataOf } from './envelope-data';

/** Which of a stream's event types leave its object as their `data` shows it, and which delete it. */
export interface EnvelopeEventTypes {
  changed: readonly string[];
  deleted: string;
}

/**
 * The object an aggregate's stream leaves after `event` (a decider's `evolve`): every event of the reports
 * service is NetBox's webhook body, whose `data` is the whole object after the change, so the state after a
 * change is that `data` read back, whatever came before; after a delete there is none. Other types leave
 * the state as it was.
 */
export function envelopeStateAfter<T>(
  state: T | null,
  event: StoredEvent,
  types: EnvelopeEventTypes,
  ofData: (data: JsonObject) => T,
): T | null {
  if (event.type === types.deleted) return null;
  if (types.changed.includes(event.type)) return ofData(envelopeDataOf(event));
  return state;
}
