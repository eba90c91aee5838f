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
 */
export async function deviceIdsForNames(
  manager: EntityManager,
  tables: ReportsTables,
  names: readonly string[],
): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  await manager.query(
    `INSERT INTO ${tables.devices} (name)
     SELECT name FROM unnest($1::text[]) AS name ORDER BY name
     ON CONFLICT (name) DO NOTHING`,
    [names],
  );
  const rows: Array<{ id: number; name: string }> = await manager.query(
    `SELECT id, name FROM ${tables.devices} WHERE name = ANY($1::text[])`,
    [names],
  );
  return new Map(rows.map((row) => [row.name, row.id]));
}
