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
 * The selectors among `selectorIds` as a test shows them (by name), key-share locked so a concurrent
 * delete of one waits for this transaction or is seen here.
 */
export async function lockSelectors(
  manager: EntityManager,
  tables: ReportsTables,
  selectorIds: readonly number[],
): Promise<SelectorReference[]> {
  if (selectorIds.length === 0) return [];
  return manager.query(
    `SELECT id, name FROM ${tables.selectors} WHERE id = ANY($1::integer[]) ORDER BY name, id FOR KEY SHARE`,
    [selectorIds],
  );
}

/**
 * The selectors test `testId` is linked to now, by name: what its next event shows, since a selector's
 * rename or delete changes them without an event of the test.
 */
export async function linkedSelectors(
  manager: EntityManager,
  tables: ReportsTables,
  testId: number,
): Promise<SelectorReference[]> {
  return manager.query(
    `SELECT s.id, s.name FROM ${tables.testSelectors} ts JOIN ${tables.selectors} s ON s.id = ts.selector_id
     WHERE ts.test_id = $1 ORDER BY s.name, s.id`,
    [testId],
  );
}

/** Links a new test to those of `selectorIds` that are selectors. */
export async function linkTestSelectors(
  manager: EntityManager,
  tables: ReportsTables,
  testId: number,
  selectorIds: readonly number[],
): Promise<void> {
  if (selectorIds.length === 0) return;
  await manager.query(
    `INSERT INTO ${tables.testSelectors} (test_id, selector_id)
     SELECT $1, id FROM ${tables.selectors} WHERE id = ANY($2::integer[])`,
    [testId, selectorIds],
  );
}

/** Replaces the selectors test `testId` is linked to. */
export async function replaceTestSelectors(
  manager: EntityManager,
  tables: ReportsTables,
  testId: number,
  selectorIds: readonly number[],
): Promise<void> {
  await manager.query(`DELETE FROM ${tables.testSelectors} WHERE test_id = $1`, [testId]);
  await linkTestSelectors(manager, tables, testId, selectorIds);
}
