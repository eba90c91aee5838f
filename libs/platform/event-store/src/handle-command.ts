import type { EntityManager } from 'typeorm';
import { appendEvents, type NewEvent } from './append-events';
import { foldStream, type Decider } from './decider';
import { readStream } from './stored-event';

export interface HandledCommand<State> {
  /** The state the command was decided on. */
  before: State;
  /** The state after the new events. */
  after: State;
  events: NewEvent[];
  /** The stream's version after the append. */
  version: number;
}

/**
 * One command on one aggregate, inside the caller's transaction (run it through `EventStoreWrites`):
 * rebuild the state from the stream, decide, append at the version the decision was based on (a
 * concurrent change makes the append fail with `StaleStreamError`), and return both states so the
 * caller updates its read models in the same transaction.
 */
export async function handleCommand<State, Command>(
  manager: EntityManager,
  schema: string,
  streamId: string,
  decider: Decider<State, Command>,
  command: Command,
): Promise<HandledCommand<State>> {
  const { state: before, version } = foldStream(await readStream(manager, schema, streamId), decider);
  const events = decider.decide(command, before);
  const appended = await appendEvents(manager, schema, streamId, version, events);
  let after = before;
  appended.forEach((stored, index) => {
    after = decider.evolve(after, {
      position: stored.position,
      streamId,
      version: stored.version,
      type: events[index].type,
      payload: events[index].record.message.value,
      headers: events[index].record.message.headers,
    });
  });
  return { before, after, events, version: version + events.length };
}
