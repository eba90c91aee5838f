import type { EntityManager } from 'typeorm';
import type { Statement } from '@validity/platform/database';

/**
 * `count` new ids from the sequence of `table`'s `id` (a quoted table name from `ReportsTables`), ascending,
 * in one statement. An aggregate is decided with its id before its row is written; a sequence never hands an
 * id out twice, so the aggregate's stream is new.
 */
export async function nextIds(manager: EntityManager, table: string, count: number): Promise<number[]> {
  const { sql, parameters } = nextIdsQuery(table, count);
  return idsOfRows(await manager.query(sql, [...(parameters ?? [])]));
}

/** `nextIds` as a statement, for a caller that sends it with others in one round trip; `idsOfRows` reads it. */
export function nextIdsQuery(table: string, count: number): Statement {
  return {
    sql: `SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id FROM generate_series(1, $2)`,
    parameters: [table, count],
  };
}

/** The ids `nextIdsQuery` answered, ascending. */
export function idsOfRows(rows: ReadonlyArray<Record<string, unknown>>): number[] {
  return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}
