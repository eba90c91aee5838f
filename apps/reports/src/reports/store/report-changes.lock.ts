import type { EntityManager } from 'typeorm';
import type { ReportsTables } from '../../storage/reports-tables';

/**
 * Serializes, until commit, the changes to which reports exist and which results are the latest:
 * retention, report deletes, and marking a new run's results latest. Held after a run's bulk insert, so
 * runs still insert concurrently; with it each retention pass sees every report committed before it, so
 * exactly `STORE_REPORTS` remain and a report is deleted (and announced) once. Every writer takes it
 * before its first write to `latest_test_results`, so two of them never wait for each other's rows.
 * The purge of deleted reports' results does not take it: it waits for no row (`purgeResultsOfReport`),
 * so it is in no deadlock with them, and no writer queues behind it.
 */
export async function lockReportChanges(manager: EntityManager, tables: ReportsTables): Promise<void> {
  await manager.query(reportChangesLock(tables));
}

/** `lockReportChanges` as one statement, for a caller that sends it with others in one round trip. */
export function reportChangesLock(tables: ReportsTables): string {
  const name = `${tables.schema}.report_changes`.replaceAll("'", "''");
  return `SELECT pg_advisory_xact_lock(hashtext('${name}'))`;
}
