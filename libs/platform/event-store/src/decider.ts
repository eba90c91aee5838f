import type { StoredEvent } from './stored-event';
import type { NewEvent } from './append-events';

/**
 * An aggregate as emmett's `CommandHandler` sees one: its state is a fold (`evolve`) of its own stream
 * from `initialState`, and a command is decided (`decide`) from that state alone, into the events to
 * append. Both are pure, so deciders are tested given/when/then without a database.
 */
export interface Decider<State, Command> {
  initialState(): State;
  evolve(state: State, event: StoredEvent): State;
  decide(command: Command, state: State): NewEvent[];
}

/** The state a stream's events fold to, and the version it is at (0 for a stream with no events). */
export function foldStream<State>(
  events: readonly StoredEvent[],
  decider: Pick<Decider<State, unknown>, 'initialState' | 'evolve'>,
): { state: State; version: number } {
  let state = decider.initialState();
  let version = 0;
  for (const event of events) {
    state = decider.evolve(state, event);
    version = event.version;
  }
  return { state, version };
}

/**
 * Given/when/then without a database, as emmett's `DeciderSpecification`: the stream `given` (events as
 * the store holds them) followed by what `decider` decides for `command` on the state it folds to, each
 * new event as the append would store it (next version; the position is the version, as in a store
 * holding only this stream).
 */
export function decideOnStream<State, Command>(
  decider: Decider<State, Command>,
  given: readonly StoredEvent[],
  command: Command,
  streamId = given[0]?.streamId ?? 'stream-1',
): StoredEvent[] {
  const { state, version } = foldStream(given, decider);
  const decided = decider.decide(command, state).map((event, index): StoredEvent => ({
    position: String(version + index + 1),
    streamId,
    version: version + index + 1,
    type: event.type,
    payload: event.record.message.value,
    headers: event.record.message.headers,
  }));
  return [...given, ...decided];
}
