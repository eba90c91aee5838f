import type { EntityManager } from 'typeorm';
import { appendEvents, StaleStreamError, type NewEvent } from '@validity/platform/event-store';
import { ConflictError } from '@validity/platform/netbox-api';

/**
 * Appends a change's events as the last step of its transaction (the store's lock is held until commit).
 * A stream that moved on since it was read means the change was decided on stale state: 409, and the
 * whole transaction rolls back.
 */
export async function appendToStream(
  manager: EntityManager,
  schema: string,
  streamId: string,
  expectedVersion: number,
  events: readonly NewEvent[],
): Promise<void> {
  try {
    await appendEvents(manager, schema, streamId, expectedVersion, events);
  } catch (error) {
    if (error instanceof StaleStreamError) {
      throw new ConflictError('This object was changed by another request; reload it and try again.');
    }
    throw error;
  }
}
