import type { EntityManager, QueryRunner } from 'typeorm';
import type { PoolClient, QueryResult } from 'pg';

/** A statement with its `$n` parameters, as `manager.query` takes it. */
export interface Statement {
  sql: string;
  parameters?: readonly unknown[];
}

/**
 * Runs `statements` in order, in one round trip, inside the caller's transaction, and returns each one's
 * rows. On this kind of machine a round trip costs two process wake-ups and a socket write on each side;
 * under load each wake-up waits its turn for a core, so a transaction's time grows with its round trips,
 * not with its statements. PostgreSQL's simple query protocol, the only one that takes several
 * statements, takes no parameters: each is inlined as the literal PostgreSQL would have read it
 * (`inlineParameters`). The statements run as separate statements do: each sees what the ones before it
 * changed; the first failure fails the round trip and the transaction.
 */
export async function queryStatements(
  manager: EntityManager,
  statements: readonly Statement[],
): Promise<Array<Array<Record<string, unknown>>>> {
  if (statements.length === 0) return [];
  const runner = manager.queryRunner;
  if (runner === undefined) throw new Error('queryStatements runs inside a transaction');
  // TypeORM's `query` keeps only a single statement's rows; the driver's client answers one result each.
  const client = (await runner.connect()) as PoolClient;
  if (!pendingBegins.delete(runner)) return queryStatementsOn(client, statements);
  return (await queryStatementsOn(client, [{ sql: 'BEGIN' }, ...statements])).slice(1);
}

/** Runners of `inFoldedTransaction` whose BEGIN has not gone out yet: their next statement list carries it. */
export const pendingBegins = new WeakSet<QueryRunner>();

/** `queryStatements` on a client of the caller's own (which may begin and commit in the list itself). */
export async function queryStatementsOn(
  client: Pick<PoolClient, 'query'>,
  statements: readonly Statement[],
): Promise<Array<Array<Record<string, unknown>>>> {
  if (statements.length === 0) return [];
  const text = statements.map(({ sql, parameters }) => inlineParameters(sql, parameters ?? [])).join(';\n');
  const answer = (await client.query(text)) as QueryResult | QueryResult[];
  const results = Array.isArray(answer) ? answer : [answer];
  if (results.length !== statements.length) {
    throw new Error(`${statements.length} statements answered ${results.length} results`);
  }
  return results.map((result) => result.rows as Array<Record<string, unknown>>);
}

/**
 * `sql` with each `$n` outside quotes replaced by parameter n as a quoted literal, in the text form the
 * driver (`pg`) would have sent it: arrays as array literals, bytes in bytea's hex format, other objects as
 * JSON. A quoted literal, like a
 * parameter the driver sends without a type, takes its type from its context or cast, so the statement
 * means the same. Backslashes and quotes are escaped in an `E''` literal, whatever
 * `standard_conforming_strings` says.
 */
export function inlineParameters(sql: string, parameters: readonly unknown[]): string {
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g, (match, index: string | undefined) => {
    if (index === undefined) return match;
    const position = Number(index) - 1;
    if (position < 0 || position >= parameters.length) throw new RangeError(`no parameter ${match}`);
    return literal(parameters[position]);
  });
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = textOf(value);
  if (text.includes('\0')) throw new RangeError('a parameter holds a NUL character');
  return `E'${text.replace(/['\\]/g, '$&$&')}'`;
}

function textOf(value: unknown): string {
  if (Array.isArray(value)) return `{${value.map(arrayElement).join(',')}}`;
  // bytea's hex input format, as a Buffer sent in binary would be read.
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (value instanceof Date)
    throw new TypeError('dates are not inlined: their text depends on the time zone');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number | bigint | boolean);
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return textOf(value);
  return `"${textOf(value).replace(/["\\]/g, '\\$&')}"`;
}
