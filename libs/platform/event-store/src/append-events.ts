import type { EntityManager } from 'typeorm';
import type { EncodedEnvelope } from '@validity/contracts';
import type { Statement } from '@validity/platform/database';
import { THIS_PROCESS } from './local-relays';
import { StaleStreamError } from './stale-stream.error';

export interface NewEvent {
  /** Domain name of the event, e.g. `ComplianceReportCreated`. */
  type: string;
  /** The Kafka record the relay will publish: topic, key, value (null = tombstone), headers with `event-id`. */
  record: EncodedEnvelope;
}

export interface AppendedEvent {
  position: string;
  version: number;
  eventId: string;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Appends events to a stream inside the caller's transaction, after the projections' writes, so the
 * events and the read models commit together.
 *
 * Optimistic concurrency: versions continue from `expectedVersion`; if another writer got there first,
 * the unique `(stream_id, version)` fails and `StaleStreamError` is thrown (the transaction rolls back).
 *
 * No lock is held until commit and nothing is NOTIFYed from inside the transaction (PostgreSQL takes a
 * database-wide lock for a NOTIFY until its commit is flushed), so concurrent writers commit together
 * in one WAL flush. Positions may therefore become visible out of order; the relay does not read after
 * a checkpoint but publishes every event not yet marked relayed (see `OutboxRelay`). Wake the relays after
 * commit with `wakeLocalRelays` and `notifyRelay`, or write through `EventStoreWrites`, which does.
 */
export async function appendEvents(
  manager: EntityManager,
  schema: string,
  streamId: string,
  expectedVersion: number,
  events: readonly NewEvent[],
): Promise<AppendedEvent[]> {
  return appendToStreams(manager, schema, [{ streamId, expectedVersion, events }]);
}

/** One stream's part of `appendToStreams`. */
export interface StreamAppend {
  streamId: string;
  expectedVersion: number;
  events: readonly NewEvent[];
}

/**
 * `appendEvents` for several streams in one statement (a batch of changes committed together); a stale
 * one of them fails the whole statement with `StaleStreamError` naming the first.
 */
export async function appendToStreams(
  manager: EntityManager,
  schema: string,
  appends: readonly StreamAppend[],
): Promise<AppendedEvent[]> {
  const statement = appendStatement(schema, appends);
  if (statement === null) return [];
  let inserted: Array<{ position: string; version: number; event_id: string }>;
  try {
    inserted = await manager.query(statement.sql, [...(statement.parameters ?? [])]);
  } catch (error) {
    throw appendFailure(error, appends);
  }
  return inserted.map((row) => ({
    position: String(row.position),
    version: row.version,
    eventId: row.event_id,
  }));
}

/**
 * `appendToStreams`' one statement (null when there is nothing to append), for a caller that sends it
 * with others in one round trip (`queryStatements`); that round trip's failure goes through
 * `appendFailure`, so a stale stream is still a `StaleStreamError`.
 */
export function appendStatement(schema: string, appends: readonly StreamAppend[]): Statement | null {
  const values: unknown[] = [];
  const rows: string[] = [];
  for (const { streamId, expectedVersion, events } of appends) {
    events.forEach((event, index) => {
      const at = values.length;
      values.push(
        event.record.message.headers['event-id'],
        streamId,
        expectedVersion + index + 1,
        event.type,
        event.record.topic,
        event.record.message.key,
        event.record.message.value,
        JSON.stringify(event.record.message.headers),
      );
      rows.push(
        `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}, $${at + 8}, clock_timestamp())`,
      );
    });
  }
  if (rows.length === 0) return null;
  // `recorded_at` is when the event is stored, not when its transaction began: it becomes the Kafka
  // record's timestamp, and a webhook saved earlier in the same transaction must count as existing
  // by then (NetBox sends a webhook its own creation).
  return {
    sql: `INSERT INTO "${schema}"."event_store"
         ("event_id", "stream_id", "version", "event_type", "topic", "message_key", "payload", "headers",
          "recorded_at")
       VALUES ${rows.join(', ')}
       RETURNING "position", "version", "event_id"`,
    parameters: values,
  };
}

/** What a failed append means: `StaleStreamError` naming the first stream when a version was taken. */
export function appendFailure(error: unknown, appends: readonly StreamAppend[]): unknown {
  if ((error as { code?: string }).code === UNIQUE_VIOLATION && isVersionConflict(error)) {
    return new StaleStreamError(appends[0].streamId, appends[0].expectedVersion);
  }
  return error;
}

/** The stream's current version (0 when it has no events yet). */
export async function streamVersion(
  manager: EntityManager,
  schema: string,
  streamId: string,
): Promise<number> {
  const [row]: Array<{ version: number | null }> = await manager.query(
    `SELECT max("version") AS "version" FROM "${schema}"."event_store" WHERE "stream_id" = $1`,
    [streamId],
  );
  return row.version ?? 0;
}

/** The current version of each stream (0 for one without events), in one query. */
export async function streamVersions(
  manager: EntityManager,
  schema: string,
  streamIds: readonly string[],
): Promise<Map<string, number>> {
  const versions = new Map(streamIds.map((id) => [id, 0]));
  if (streamIds.length === 0) return versions;
  const rows: Array<{ stream_id: string; version: number }> = await manager.query(
    `SELECT "stream_id", max("version") AS "version" FROM "${schema}"."event_store"
     WHERE "stream_id" = ANY($1::text[]) GROUP BY "stream_id"`,
    [streamIds],
  );
  for (const row of rows) versions.set(row.stream_id, row.version);
  return versions;
}

/**
 * Wakes the relays of the schema in other instances of the service, after a commit (this process's are
 * woken directly, `wakeLocalRelays`; they ignore a notice carrying `THIS_PROCESS`).
 */
export async function notifyRelay(
  runner: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  schema: string,
): Promise<void> {
  await runner.query('SELECT pg_notify($1, $2)', [relayChannel(schema), THIS_PROCESS]);
}

/** The NOTIFY channel that wakes the schema's relay as soon as events commit. */
export function relayChannel(schema: string): string {
  return `${schema}_event_store`;
}

function isVersionConflict(error: unknown): boolean {
  const constraint = (error as { constraint?: string }).constraint ?? '';
  const detail = (error as { detail?: string }).detail ?? '';
  return constraint.includes('stream_id') || detail.includes('(stream_id, version)');
}
