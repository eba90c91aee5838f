import type { EntityManager } from 'typeorm';

/** One event as the store holds it: the domain event's name and the record it was appended with. */
export interface StoredEvent {
  position: string;
  streamId: string;
  version: number;
  type: string;
  /** The record's value (null for a tombstone): the facts the aggregate and projections rebuild from. */
  payload: Buffer | null;
  /** The record's headers (`event-id`, and whatever else the service stored beside the value). */
  headers: Record<string, string>;
}

/** An `event_store` row as node-postgres returns it. */
export interface StoredEventRow {
  position: string;
  stream_id: string;
  version: number;
  event_type: string;
  payload: Buffer | null;
  headers: Record<string, string>;
}

const COLUMNS = `"position", "stream_id", "version", "event_type", "payload", "headers"`;

/** Every event of one stream, in version order: what an aggregate's state is rebuilt from. */
export async function readStream(
  manager: EntityManager,
  schema: string,
  streamId: string,
): Promise<StoredEvent[]> {
  const rows: StoredEventRow[] = await manager.query(
    `SELECT ${COLUMNS} FROM "${schema}"."event_store" WHERE "stream_id" = $1 ORDER BY "version"`,
    [streamId],
  );
  return rows.map(storedEventOf);
}

/**
 * Every event of the store in position order, `batchSize` at a time (keyset pages, so memory holds one
 * page). Position order keeps each stream in version order: version n+1 is appended only after its
 * writer read version n committed.
 */
export async function* readAllEvents(
  manager: EntityManager,
  schema: string,
  batchSize = 1_000,
): AsyncGenerator<StoredEvent> {
  let after = '0';
  for (;;) {
    const rows: StoredEventRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM "${schema}"."event_store" WHERE "position" > $1 ORDER BY "position" LIMIT $2`,
      [after, batchSize],
    );
    for (const row of rows) yield storedEventOf(row);
    if (rows.length < batchSize) return;
    after = String(rows[rows.length - 1].position);
  }
}

export function storedEventOf(row: StoredEventRow): StoredEvent {
  return {
    position: String(row.position),
    streamId: row.stream_id,
    version: row.version,
    type: row.event_type,
    payload: row.payload,
    headers: row.headers,
  };
}
