import type { EntityManager } from 'typeorm';
import type { Statement } from '@validity/platform/database';
import type { ReportsTables } from '../../storage/reports-tables';

/**
 * Devices are known by name only (this service has no DCIM): a run names them, a new name gets an id,
 * and results refer to them by id. They are never deleted.
 */

/** The query answering which of `ids` (not empty) are devices: its rows' `id`. */
export function existingDevicesQuery(tables: ReportsTables, ids: readonly number[]): Statement {
  return { sql: `SELECT id FROM ${tables.devices} WHERE id = ANY($1::integer[])`, parameters: [ids] };
}

/**
 * The statement giving the id of each of `names` (not empty), creating the devices that are new; the
 * caller passes its rows to `deviceIdsForNames`. Names are inserted in sorted order so two runs naming
 * the same new devices take their row locks in the same order and wait instead of deadlocking.
 *
 * The devices it creates come from `RETURNING`, the known ones from its snapshot. A device another
 * transaction created after that snapshot was taken (its insert conflicted here) is in neither, and
 * `deviceIdsForNames` reads it with a second statement, which sees it committed.
 */
export function devicesByNameQuery(tables: ReportsTables, names: readonly string[]): Statement {
  return {
    sql: `WITH created AS (
       INSERT INTO ${tables.devices} (name)
       SELECT name FROM unnest($1::text[]) AS name ORDER BY name
       ON CONFLICT (name) DO NOTHING
       RETURNING id, name
     )
     SELECT id, name FROM created
     UNION ALL
     SELECT id, name FROM ${tables.devices} WHERE name = ANY($1::text[])`,
    parameters: [names],
  };
}

/** The id of each of `names`, from `devicesByNameQuery`'s rows, reading those created concurrently. */
export async function deviceIdsForNames(
  manager: EntityManager,
  tables: ReportsTables,
  names: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<Map<string, number>> {
  const ids = new Map(rows.map((row) => [row.name as string, row.id as number]));
  if (ids.size === names.length) return ids;
  const late: Array<{ id: number; name: string }> = await manager.query(
    `SELECT id, name FROM ${tables.devices} WHERE name = ANY($1::text[])`,
    [names.filter((name) => !ids.has(name))],
  );
  for (const row of late) ids.set(row.name, row.id);
  return ids;
}
