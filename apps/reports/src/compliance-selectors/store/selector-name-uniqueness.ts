import type { EntityManager } from 'typeorm';
import { NetBoxValidationError } from '@validity/platform/netbox-api';
import type { ReportsTables } from '../../storage/reports-tables';

/** DRF's unique validator text for Validity's `name = CharField(_("Selector Name"), unique=True)`. */
export const NAME_TAKEN = 'compliance selector with this Selector Name already exists.';

function nameTakenError(): NetBoxValidationError {
  return new NetBoxValidationError({ name: [NAME_TAKEN] });
}

/** 400 when another selector has `name`; the unique constraint still backs this check against races. */
export async function assertSelectorNameIsFree(
  manager: EntityManager,
  tables: ReportsTables,
  name: string,
  exceptId = 0,
): Promise<void> {
  const taken: unknown[] = await manager.query(
    `SELECT 1 FROM ${tables.selectors} WHERE name = $1 AND id <> $2`,
    [name, exceptId],
  );
  if (taken.length > 0) throw nameTakenError();
}
