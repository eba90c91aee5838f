import type { EntityManager } from 'typeorm';
import type { ReportsTables } from '../../storage/reports-tables';

/**
 * Claims the purge of deleted reports' results for the caller's transaction, if no other instance's
 * purge holds it: one purge at a time, so instances do not take turns on the same chunks.
 */
export async function claimPurge(manager: EntityManager, tables: ReportsTables): Promise<boolean> {
  const [row]: Array<{ claimed: boolean }> = await manager.query(
    `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS claimed`,
    [purgeClaimKey(tables)],
  );
  return row.claimed;
}

/** The advisory lock's key text (a spec holds it to keep the purge waiting). */
export function purgeClaimKey(tables: ReportsTables): string {
  return `${tables.schema}.report_purge`;
}
