import type { EntityManager } from 'typeorm';
import { appendEvents, type NewEvent } from './append-events';
import { foldStream, type Decider } from './decider';
import { StaleStreamError } from './stale-stream.error';
import { readStream, type StoredEvent } from './stored-event';

export interface HandledCommand<State> {
  /** The state the command was decided on. */
  before: State;
  /** The state after the new events. */
  after: State;
  events: NewEvent[];
  /** The new events as the store now holds them (what a projection applies). */
  appended: StoredEvent[];
  /** The stream's version after the append. */
  version: number;
}

export interface HandleCommandOptions {
  /**
   * The version the caller's own reads saw (a read model row it validated the command against): a stream
   * at another version is a `StaleStreamError` before anything is decided, as emmett's
   * `expectedStreamVersion`. 0 says the stream is new (an id just taken from a sequence): it is then not
   * read, since the append at version 0 fails unless the stream is still empty.
   */
  expectedVersion?: number;
}

/**
 * One command on one aggregate, inside the caller's transaction (run it through `EventStoreWrites`):
 * rebuild the state from the stream, decide, append at the version the decision was based on (a
 * concurrent change makes the append fail with `StaleStreamError`), and return both states and the
 * appended events so the caller updates its read models in the same transaction.
 */
export async function handleCommand<State, Command>(
  manager: EntityManager,
  schema: string,
  streamId: string,
  decider: Decider<State, Command>,
  command: Command,
  { expectedVersion }: HandleCommandOptions = {},
): Promise<HandledCommand<State>> {
  const stream = expectedVersion === 0 ? [] : await readStream(manager, schema, streamId);
  const { state: before, version } = foldStream(stream, decider);
  if (expectedVersion !== undefined && version !== expectedVersion) {
    throw new StaleStreamError(streamId, expectedVersion);
  }
  const events = decider.decide(command, before);
  const stored = await appendEvents(manager, schema, streamId, version, events);
  const appended = stored.map((event, index): StoredEvent => ({
    position: event.position,
    streamId,
    version: event.version,
    type: events[index].type,
    payload: events[index].record.message.value,
    headers: events[index].record.message.headers,
  }));
  const after = appended.reduce((state, event) => decider.evolve(state, event), before);
  return { before, after, events, appended, version: version + events.length };
}
