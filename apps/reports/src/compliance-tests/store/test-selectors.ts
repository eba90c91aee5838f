import type { EntityManager } from 'typeorm';
import {
  InvalidFieldValue,
  NetBoxValidationError,
  primaryKeyListField,
  readInput,
  type ValidateInputOptions,
} from '@validity/platform/netbox-api';
import type { ReportsTables } from '../../storage/reports-tables';
import type { SelectorReference } from '../domain/compliance-test';
import { ComplianceTestInput } from '../input/compliance-test.input';

/** A validated test body with its `selectors` resolved to ids (`undefined`: not given). */
export interface ValidatedTestInput {
  input: ComplianceTestInput;
  selectorIds: number[] | undefined;
}

/**
 * The test body checked as DRF checks Validity's serializer: every field's first error at once,
 * `selectors` included (a `SerializedPKRelatedField`: each id must name a stored selector).
 */
export async function validateTestInput(
  manager: EntityManager,
  tables: ReportsTables,
  body: unknown,
  options: ValidateInputOptions,
): Promise<ValidatedTestInput> {
  const read = readInput(ComplianceTestInput, body, options);
  const errors: Record<string, string[]> = { ...read.errors };
  const raw =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).selectors : undefined;
  let selectorIds: number[] | undefined;
  if (raw !== undefined && !errors.non_field_errors) {
    const ids = primaryKeyListField(await existingSelectorIds(manager, tables, raw))(raw);
    if (ids instanceof InvalidFieldValue) errors.selectors = [ids.message];
    else selectorIds = ids;
  }
  if (Object.keys(errors).length > 0 || read.instance === undefined) throw new NetBoxValidationError(errors);
  return { input: storedFields(read.instance), selectorIds };
}

/** The fields a test keeps, as DRF read them (text already stripped). */
function storedFields(input: ComplianceTestInput): ComplianceTestInput {
  return {
    name: input.name,
    description: input.description,
    severity: input.severity,
    expression: input.expression,
    custom_fields: input.custom_fields,
  };
}

/** Which of the integers in `raw` (when it is a list) are selector ids. */
async function existingSelectorIds(
  manager: EntityManager,
  tables: ReportsTables,
  raw: unknown,
): Promise<Set<number>> {
  if (!Array.isArray(raw)) return new Set();
  const candidates = raw
    .map((item) => (typeof item === 'string' ? Number(item.trim()) : item))
    .filter((item): item is number => typeof item === 'number' && Number.isFinite(item))
    .map((item) => Math.trunc(item))
    .filter((item) => item >= 1 && item <= 2_147_483_647);
  if (candidates.length === 0) return new Set();
  const rows: Array<{ id: number }> = await manager.query(
    `SELECT id FROM ${tables.selectors} WHERE id = ANY($1::integer[])`,
    [candidates],
  );
  return new Set(rows.map((row) => row.id));
}

/**
 * Replaces the selectors of test `testId` with `selectorIds` and returns them as the test shows them,
 * by name. The selectors are key-share locked so a concurrent delete waits or is seen.
 */
export async function setTestSelectors(
  manager: EntityManager,
  tables: ReportsTables,
  testId: number,
  selectorIds: readonly number[],
): Promise<SelectorReference[]> {
  await manager.query(`DELETE FROM ${tables.testSelectors} WHERE test_id = $1`, [testId]);
  if (selectorIds.length === 0) return [];
  const rows: SelectorReference[] = await manager.query(
    `SELECT id, name FROM ${tables.selectors} WHERE id = ANY($1::integer[]) ORDER BY name, id FOR KEY SHARE`,
    [selectorIds],
  );
  await manager.query(
    `INSERT INTO ${tables.testSelectors} (test_id, selector_id) SELECT $1, unnest($2::integer[])`,
    [testId, rows.map((row) => row.id)],
  );
  return rows;
}
