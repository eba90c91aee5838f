/**
 * `ids` as an SQL `integer[]` literal, for statements sent several in one round trip: PostgreSQL's simple
 * query protocol, the only one that takes several statements, takes no parameters. Each element is
 * checked to be an integer, so nothing but digits and commas reaches the SQL.
 */
export function integerArray(ids: readonly number[]): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id)) throw new RangeError(`not an integer id: ${String(id)}`);
  }
  return `'{${ids.join(',')}}'::integer[]`;
}
