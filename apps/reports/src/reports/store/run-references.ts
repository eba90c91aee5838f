import type { EntityManager } from 'typeorm';
import { deviceIdsForNames, existingDeviceIds } from './device-directory';
import { MAX_INTEGER_ID } from '../../http/object-id';
import type { ReportsTables } from '../../storage/reports-tables';
import { REFERENCE_MESSAGES, type ObjectReference, type RunResultDraft } from '../input/run-input';
import type { RunInputErrors } from '../input/run-input-errors';

/** The ids a run's references stand for, once all of them are known to exist. */
export class ReferenceIds {
  constructor(
    private readonly idsByName: ReadonlyMap<string, number>,
    /** Each test's severity as stored, by id (tests only). */
    readonly severities: ReadonlyMap<number, string> = new Map(),
  ) {}

  idOf(reference: ObjectReference): number {
    if ('id' in reference) return reference.id;
    const id = this.idsByName.get(reference.name);
    if (id === undefined) throw new Error(`Unresolved reference to "${reference.name}"`);
    return id;
  }
}

/** A run whose references are being checked: its results and where its 400 is collected. */
export interface RunBeingChecked {
  results: readonly RunResultDraft[];
  errors: RunInputErrors;
}

/**
 * Checks each result's test against the tests table, recording `Invalid pk` / `Object with name=...`
 * errors in its own run's errors, and key-share-locks the tests found so none of them can be deleted
 * before these runs commit. One query for all the runs of a batch, which also reads their severities
 * (for the new reports' counts).
 */
export async function resolveTests(
  manager: EntityManager,
  tables: ReportsTables,
  runs: readonly RunBeingChecked[],
): Promise<ReferenceIds> {
  const { ids, names } = split(runs.flatMap((run) => run.results.map((result) => result.test)));
  const rows = await lockTests(manager, tables, ids, names);
  const foundIds = new Set(rows.map((row) => row.id));
  const idsByName = new Map(rows.map((row) => [row.name, row.id]));
  for (const { results, errors } of runs) {
    results.forEach((result, index) => {
      const test = result.test;
      if (test === undefined) return;
      if ('id' in test && !foundIds.has(test.id)) {
        errors.addResult(index, 'test', REFERENCE_MESSAGES.pkDoesNotExist(test.id));
      }
      if ('name' in test && !idsByName.has(test.name)) {
        errors.addResult(index, 'test', REFERENCE_MESSAGES.nameDoesNotExist(test.name));
      }
    });
  }
  return new ReferenceIds(idsByName, new Map(rows.map((row) => [row.id, row.severity])));
}

async function lockTests(
  manager: EntityManager,
  tables: ReportsTables,
  ids: readonly number[],
  names: readonly string[],
): Promise<Array<{ id: number; name: string; severity: string }>> {
  if (ids.length + names.length === 0) return [];
  // In id order, so runs referencing the same tests take their locks in the same order.
  return manager.query(
    `SELECT id, name, severity FROM ${tables.tests} WHERE id = ANY($1::integer[]) OR name = ANY($2::text[])
     ORDER BY id FOR KEY SHARE`,
    [ids, names],
  );
}

/** Records an `Invalid pk` error for each device or dynamic pair named by an id that is no device. */
export async function checkDeviceIds(
  manager: EntityManager,
  tables: ReportsTables,
  runs: readonly RunBeingChecked[],
): Promise<void> {
  const { ids } = split(
    runs.flatMap((run) => run.results.flatMap((result) => [result.device, result.dynamicPair ?? undefined])),
  );
  const found = await existingDeviceIds(manager, tables, ids);
  for (const { results, errors } of runs) {
    results.forEach((result, index) => {
      for (const [field, device] of [
        ['device', result.device],
        ['dynamic_pair', result.dynamicPair],
      ] as const) {
        if (device && 'id' in device && !found.has(device.id)) {
          errors.addResult(index, field, REFERENCE_MESSAGES.pkDoesNotExist(device.id));
        }
      }
    });
  }
}

/** Ids for the devices the results name, creating those not seen before. */
export async function resolveDeviceNames(
  manager: EntityManager,
  tables: ReportsTables,
  results: readonly RunResultDraft[],
): Promise<ReferenceIds> {
  const { names } = split(results.flatMap((result) => [result.device, result.dynamicPair ?? undefined]));
  return new ReferenceIds(await deviceIdsForNames(manager, tables, names));
}

/** The distinct names and ids among `references`; ids no `integer` column can hold cannot exist. */
function split(references: ReadonlyArray<ObjectReference | undefined>): { ids: number[]; names: string[] } {
  const ids = new Set<number>();
  const names = new Set<string>();
  for (const reference of references) {
    if (reference === undefined) continue;
    if ('name' in reference) names.add(reference.name);
    else if (reference.id >= 1 && reference.id <= MAX_INTEGER_ID) ids.add(reference.id);
  }
  return { ids: [...ids], names: [...names] };
}
