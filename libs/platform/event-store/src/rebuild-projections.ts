import type { DataSource, EntityManager } from 'typeorm';
import { readAllEvents, type StoredEvent } from './stored-event';

/** A read model that is a projection of the event store, rebuildable from it alone. */
export interface Projection {
  name: string;
  /** Its tables, schema-qualified and quoted, emptied before the rebuild (sequences are kept). */
  tables: readonly string[];
  /** Applies one event (position order, so each stream in version order); ignores types it does not use. */
  apply(manager: EntityManager, event: StoredEvent): Promise<void>;
}

export interface RebuildSummary {
  events: number;
  projections: string[];
}

/**
 * `npm run projections:rebuild`: drops every row of the service's read models and replays its whole event
 * store into them, in one transaction, so readers see the old read models until the new ones commit.
 * Writers wait meanwhile: the store is locked against appends (reads go on). Sequences are not reset, so
 * ids handed out after the rebuild are the ones that would have been handed out without it.
 */
export async function rebuildProjections(
  dataSource: DataSource,
  schema: string,
  projections: readonly Projection[],
): Promise<RebuildSummary> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`LOCK TABLE "${schema}"."event_store" IN EXCLUSIVE MODE`);
    const tables = projections.flatMap((projection) => projection.tables);
    if (tables.length > 0) await manager.query(`TRUNCATE ${tables.join(', ')}`);
    let events = 0;
    for await (const event of readAllEvents(manager, schema)) {
      for (const projection of projections) await projection.apply(manager, event);
      events += 1;
    }
    return { events, projections: projections.map((projection) => projection.name) };
  });
}
