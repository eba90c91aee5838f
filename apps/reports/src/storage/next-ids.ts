import type { EntityManager } from 'typeorm';

/**
 * `count` new ids from the sequence of `table`'s `id` (a quoted table name from `ReportsTables`), ascending,
 * in one statement. An aggregate is decided with its id before its row is written; a sequence never hands an
 * id out twice, so the aggregate's stream is new.
 */
export async function nextIds(manager: EntityManager, table: string, count: number): Promise<number[]> {
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id FROM generate_series(1, $2)`,
    [table, count],
  );
  return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}
