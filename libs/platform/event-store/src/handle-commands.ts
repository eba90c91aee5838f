import type { EntityManager } from 'typeorm';
import { appendToStreams } from './append-events';
import { foldStream, type Decider } from './decider';
import type { HandledCommand } from './handle-command';
import { storedEventOf, type StoredEvent, type StoredEventRow } from './stored-event';

/** One command of a batch, and the stream of the aggregate it is decided on. */
export interface StreamCommand<Command> {
  streamId: string;
  command: Command;
}

export interface DecideCommandsOptions {
  /**
   * The streams are new (their aggregates' ids were just handed out by a sequence, which never hands an
   * id out twice): each command is decided on the initial state at version 0 without reading the store.
   * The append at version 0 still proves it: a stream that had events fails it with `StaleStreamError`.
   */
  newStreams?: boolean;
}

/** A command decided and not yet appended: `handleCommand`'s answer without the stored events. */
export type DecidedCommand<State> = Omit<HandledCommand<State>, 'appended'>;

/** Commands decided and not yet appended: the caller updates its read models, then appends. */
export interface DecidedCommands<State> {
  /**
   * Each command's states and events, in the commands' order. `after` is evolved from the decided events,
   * which have no position yet (`''`).
   */
  handled: DecidedCommand<State>[];
  /** Appends every decided event in one statement, at the versions the decisions were based on. */
  append(): Promise<void>;
}

/**
 * `handleCommand` for a batch of commands on distinct streams of one aggregate type, in two steps inside
 * the caller's transaction, so that its read models are written between them and the append comes last
 * (as `appendEvents` asks: the store's index entries are taken as late as possible, and a concurrent
 * writer of the same rows queues on the rows, not on the store). First every stream is read in one query
 * (none for `newStreams`) and each command decided on its own stream's state; then `append()` appends
 * every event in one statement, and a stream that moved on meanwhile fails the whole batch with
 * `StaleStreamError`. A batch costs two round trips, or one on new streams, whatever its size.
 */
export async function decideCommands<State, Command>(
  manager: EntityManager,
  schema: string,
  decider: Decider<State, Command>,
  commands: readonly StreamCommand<Command>[],
  options: DecideCommandsOptions = {},
): Promise<DecidedCommands<State>> {
  const streamIds = commands.map((command) => command.streamId);
  if (new Set(streamIds).size !== streamIds.length) throw new Error('a batch decides each stream once');
  const streams =
    options.newStreams || commands.length === 0
      ? new Map<string, StoredEvent[]>()
      : await readStreams(manager, schema, streamIds);
  const handled = commands.map(({ streamId, command }): DecidedCommand<State> => {
    const { state: before, version } = foldStream(streams.get(streamId) ?? [], decider);
    const events = decider.decide(command, before);
    let after = before;
    events.forEach((event, index) => {
      after = decider.evolve(after, {
        position: '',
        streamId,
        version: version + index + 1,
        type: event.type,
        payload: event.record.message.value,
        headers: event.record.message.headers,
      });
    });
    return { before, after, events, version: version + events.length };
  });
  return {
    handled,
    append: async () => {
      await appendToStreams(
        manager,
        schema,
        handled.map(({ events, version }, index) => ({
          streamId: streamIds[index],
          expectedVersion: version - events.length,
          events,
        })),
      );
    },
  };
}

/** Every event of each of `streamIds`, in version order, in one query (a stream without events is absent). */
export async function readStreams(
  manager: EntityManager,
  schema: string,
  streamIds: readonly string[],
): Promise<Map<string, StoredEvent[]>> {
  const streams = new Map<string, StoredEvent[]>();
  if (streamIds.length === 0) return streams;
  const rows: StoredEventRow[] = await manager.query(
    `SELECT "position", "stream_id", "version", "event_type", "payload", "headers"
     FROM "${schema}"."event_store" WHERE "stream_id" = ANY($1::text[]) ORDER BY "stream_id", "version"`,
    [streamIds],
  );
  for (const row of rows) {
    const events = streams.get(row.stream_id) ?? [];
    events.push(storedEventOf(row));
    streams.set(row.stream_id, events);
  }
  return streams;
}
