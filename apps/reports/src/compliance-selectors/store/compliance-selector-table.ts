import type { EntityManager } from 'typeorm';
import type { ReportsTables } from '../../storage/reports-tables';
import { timestampParameter } from '../../storage/precise-time-column';
import type { ComplianceSelector } from '../domain/compliance-selector';

/** Writes a selector's columns as `selector` has them (its row exists). */
export async function updateComplianceSelector(
  manager: EntityManager,
  tables: ReportsTables,
  selector: ComplianceSelector,
): Promise<void> {
  await manager.query(
    `UPDATE ${tables.selectors}
     SET name = $2, filter_operation = $3, name_filter = $4, status_filter = $5, dynamic_pairs = $6,
         dp_tag_prefix = $7, custom_fields = $8, last_updated = $9
     WHERE id = $1`,
    [selector.id, ...columnValues(selector), timestampParameter(selector.lastUpdated)],
  );
}

/** Writes `selector`'s columns under its id, inserting the row or replacing it. */
export async function putComplianceSelector(
  manager: EntityManager,
  tables: ReportsTables,
  selector: ComplianceSelector,
): Promise<void> {
  await manager.query(
    `INSERT INTO ${tables.selectors}
       (id, name, filter_operation, name_filter, status_filter, dynamic_pairs, dp_tag_prefix, custom_fields,
        created, last_updated)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, filter_operation = EXCLUDED.filter_operation,
       name_filter = EXCLUDED.name_filter, status_filter = EXCLUDED.status_filter,
       dynamic_pairs = EXCLUDED.dynamic_pairs, dp_tag_prefix = EXCLUDED.dp_tag_prefix,
       custom_fields = EXCLUDED.custom_fields, last_updated = EXCLUDED.last_updated`,
    [
      selector.id,
      ...columnValues(selector),
      timestampParameter(selector.created),
      timestampParameter(selector.lastUpdated),
    ],
  );
}

/** Deletes a selector row; its links to tests go with it (the join table cascades). */
export async function deleteComplianceSelector(
  manager: EntityManager,
  tables: ReportsTables,
  id: number,
): Promise<void> {
  await manager.query(`DELETE FROM ${tables.selectors} WHERE id = $1`, [id]);
}

function columnValues(selector: Omit<ComplianceSelector, 'id'>): unknown[] {
  return [
    selector.name,
    selector.filterOperation,
    selector.nameFilter,
    selector.statusFilter,
    selector.dynamicPairs,
    selector.dpTagPrefix,
    selector.customFields,
  ];
}
