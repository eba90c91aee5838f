import type { EntityManager } from 'typeorm';
import { NetBoxValidationError } from '@validity/platform/netbox-api';
import type { ReportsTables } from '../../storage/reports-tables';

/** DRF's unique validator text for Validity's `name = CharField(_("Name"), unique=True)`. */
export const NAME_TAKEN = 'compliance test with this Name already exists.';

export function nameTakenError(): NetBoxValidationError {
  return new NetBoxValidationError({ name: [NAME_TAKEN] });
}

/** 400 when another test has `name`; the unique constraint still backs this check against races. */
export async function assertTestNameIsFree(
  manager: EntityManager,
  tables: ReportsTables,
  name: string,
  exceptId = 0,
): Promise<void> {
  const taken: unknown[] = await manager.query(`SELECT 1 FROM ${tables.tests} WHERE name = $1 AND id <> $2`, [
    name,
    exceptId,
  ]);
  if (taken.length > 0) throw nameTakenError();
}
