import type { EntityManager } from 'typeorm';
import { queryStatements, type Statement } from '@validity/platform/database';
import { existingDevicesQuery } from './device-directory';
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
 * before these runs commit; and records an `Invalid pk` error for each device or dynamic pair named by an
 * id that is no device. One round trip for all the runs of a batch, which also reads the tests'
 * severities (for the new reports' counts).
 */
export async function checkReferences(
  manager: EntityManager,
  tables: ReportsTables,
  runs: readonly RunBeingChecked[],
): Promise<ReferenceIds> {
  const tests = split(runs.flatMap((run) => run.results.map((result) => result.test)));
  const devices = split(
    runs.flatMap((run) => run.results.flatMap((result) => [result.device, result.dynamicPair ?? undefined])),
  );
  const testsRead = tests.ids.length + tests.names.length > 0;
  const devicesRead = devices.ids.length > 0;
  const answers = await queryStatements(manager, [
    ...(testsRead ? [lockedTestsQuery(tables, tests.ids, tests.names)] : []),
    ...(devicesRead ? [existingDevicesQuery(tables, devices.ids)] : []),
  ]);
  const testRows = (testsRead ? answers[0] : []) as Array<{ id: number; name: string; severity: string }>;
  const deviceRows = devicesRead ? answers[testsRead ? 1 : 0] : [];
  const foundTests = new Set(testRows.map((row) => row.id));
  const testIdsByName = new Map(testRows.map((row) => [row.name, row.id]));
  const foundDevices = new Set(deviceRows.map((row) => row.id as number));
  for (const { results, errors } of runs) {
    results.forEach((result, index) => {
      const test = result.test;
      if (test !== undefined && 'id' in test && !foundTests.has(test.id)) {
        errors.addResult(index, 'test', REFERENCE_MESSAGES.pkDoesNotExist(test.id));
      }
      if (test !== undefined && 'name' in test && !testIdsByName.has(test.name)) {
        errors.addResult(index, 'test', REFERENCE_MESSAGES.nameDoesNotExist(test.name));
      }
      for (const [field, device] of [
        ['device', result.device],
        ['dynamic_pair', result.dynamicPair],
      ] as const) {
        if (device && 'id' in device && !foundDevices.has(device.id)) {
          errors.addResult(index, field, REFERENCE_MESSAGES.pkDoesNotExist(device.id));
        }
      }
    });
  }
  return new ReferenceIds(testIdsByName, new Map(testRows.map((row) => [row.id, row.severity])));
}

function lockedTestsQuery(
  tables: ReportsTables,
  ids: readonly number[],
  names: readonly string[],
): Statement {
  // In id order, so runs referencing the same tests take their locks in the same order.
  return {
    sql: `SELECT id, name, severity FROM ${tables.tests} WHERE id = ANY($1::integer[]) OR name = ANY($2::text[])
     ORDER BY id FOR KEY SHARE`,
    parameters: [ids, names],
  };
}

/** The device names the results use, with `devicesByNameQuery`, for `ReferenceIds` once it answered. */
export function deviceNamesOf(results: readonly RunResultDraft[]): string[] {
  return split(results.flatMap((result) => [result.device, result.dynamicPair ?? undefined])).names;
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
