import type { EntityManager } from 'typeorm';
import type { ReportsTables } from '../../storage/reports-tables';

/**
 * Devices are known by name only (this service has no DCIM): a run names them, a new name gets an id,
 * and results refer to them by id. They are never deleted.
 */

/** Which of `ids` are devices. */
export async function existingDeviceIds(
  manager: EntityManager,
  tables: ReportsTables,
  ids: readonly number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows: Array<{ id: number }> = await manager.query(
    `SELECT id FROM ${tables.devices} WHERE id = ANY($1::integer[])`,
    [ids],
  );
  return new Set(rows.map((row) => row.id));
}

/**
 * The id of each name, creating the devices that are new. Names are inserted in sorted order so two runs
 * naming the same new devices take their row locks in the same order and wait instead of deadlocking.
 *
 * One statement: the devices it creates come from `RETURNING`, the known ones from its snapshot. A
 * device another transaction created after that snapshot was taken (its insert conflicted here) is in
 * neither, and is read by a second statement, which sees it committed.
 */
export async function deviceIdsForNames(
  manager: EntityManager,
  tables: ReportsTables,
  names: readonly string[],
): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const rows: Array<{ id: number; name: string }> = await manager.query(
    `WITH created AS (
       INSERT INTO ${tables.devices} (name)
       SELECT name FROM unnest($1::text[]) AS name ORDER BY name
       ON CONFLICT (name) DO NOTHING
       RETURNING id, name
     )
     SELECT id, name FROM created
     UNION ALL
     SELECT id, name FROM ${tables.devices} WHERE name = ANY($1::text[])`,
    [names],
  );
  const ids = new Map(rows.map((row) => [row.name, row.id]));
  if (ids.size === names.length) return ids;
  const late: Array<{ id: number; name: string }> = await manager.query(
    `SELECT id, name FROM ${tables.devices} WHERE name = ANY($1::text[])`,
    [names.filter((name) => !ids.has(name))],
  );
  for (const row of late) ids.set(row.name, row.id);
  return ids;
}
