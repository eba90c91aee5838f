import type { EntityManager } from 'typeorm';
import type { Statement } from '@validity/platform/database';
import { appendFailure, appendStatement, appendToStreams, type StreamAppend } from './append-events';
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
  /**
   * The streams as already read (`storedEventsByStream`), for a caller that read them together with other
   * statements in one round trip; a stream absent from it has no events.
   */
  streams?: ReadonlyMap<string, StoredEvent[]>;
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
  /**
   * `append()`'s statement (null when nothing was decided), for a caller that sends it with others in one
   * round trip (`queryStatements`); that round trip's failure goes through `appendFailure`.
   */
  appendStatement(): Statement | null;
  /** What a failed append means (`StaleStreamError` for a stream that moved on), else the failure itself. */
  appendFailure(error: unknown): unknown;
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
    options.streams ??
    (options.newStreams || commands.length === 0
      ? new Map<string, StoredEvent[]>()
      : await readStreams(manager, schema, streamIds));
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
  const appends: StreamAppend[] = handled.map(({ events, version }, index) => ({
    streamId: streamIds[index],
    expectedVersion: version - events.length,
    events,
  }));
  return {
    handled,
    append: async () => void (await appendToStreams(manager, schema, appends)),
    appendStatement: () => appendStatement(schema, appends),
    appendFailure: (error) => appendFailure(error, appends),
  };
}

/** The columns of the store that `storedEventsByStream` reads, for a query of a caller's own. */
export const STORED_EVENT_COLUMNS = '"position", "stream_id", "version", "event_type", "payload", "headers"';

/** Every event of each of `streamIds`, in version order, in one query (a stream without events is absent). */
export async function readStreams(
  manager: EntityManager,
  schema: string,
  streamIds: readonly string[],
): Promise<Map<string, StoredEvent[]>> {
  if (streamIds.length === 0) return new Map();
  const rows: StoredEventRow[] = await manager.query(
    `SELECT ${STORED_EVENT_COLUMNS}
     FROM "${schema}"."event_store" WHERE "stream_id" = ANY($1::text[]) ORDER BY "stream_id", "version"`,
    [streamIds],
  );
  return storedEventsByStream(rows);
}

/** Stored events by stream, from rows ordered by stream and version (`STORED_EVENT_COLUMNS`). */
export function storedEventsByStream(rows: readonly StoredEventRow[]): Map<string, StoredEvent[]> {
  const streams = new Map<string, StoredEvent[]>();
  for (const row of rows) {
    const events = streams.get(row.stream_id) ?? [];
    events.push(storedEventOf(row));
    streams.set(row.stream_id, events);
  }
  return streams;
}
