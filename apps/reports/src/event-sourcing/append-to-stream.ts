import type { EntityManager } from 'typeorm';
import { appendEvents, type NewEvent } from '@validity/platform/event-store';

/**
 * Appends a change's events as the last step of its transaction. A stream that moved on since it was
 * read means the change was decided on stale state: `StaleStreamError`, which the write path
 * (`EventStoreWrites`) answers with its one 409, and the whole transaction rolls back.
 */
export async function appendToStream(
  manager: EntityManager,
  schema: string,
  streamId: string,
  expectedVersion: number,
  events: readonly NewEvent[],
): Promise<void> {
  await appendEvents(manager, schema, streamId, expectedVersion, events);
}
