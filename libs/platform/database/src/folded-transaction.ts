import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { PoolClient } from 'pg';
import { queryStatementsOn, type Statement } from './statement-list';

/** A folded transaction's progress, read by `queryStatements` to carry its BEGIN. */
interface Fold {
  begun: boolean;
}

const folds = new WeakMap<QueryRunner, Fold>();

/** Sends `statements` on the runner's connection, with the pending BEGIN first when nothing carried it yet. */
export async function foldedStatements(
  runner: QueryRunner,
  statements: readonly Statement[],
): Promise<Array<Array<Record<string, unknown>>>> {
  const client = (await runner.connect()) as PoolClient;
  const fold = folds.get(runner);
  if (fold === undefined || fold.begun) return queryStatementsOn(client, statements);
  fold.begun = true;
  return (await queryStatementsOn(client, [{ sql: 'BEGIN' }, ...statements])).slice(1);
}

/**
 * Runs `work` in one transaction whose BEGIN goes out with its first statement list (`queryStatements`)
 * and whose COMMIT goes out with the list given to `commitWith`: two round trips fewer than TypeORM's
 * `transaction()`, which sends each on its own. On this kind of machine a round trip is two process
 * wake-ups, each a wait for a core under load, while the transaction holds its locks (docs/performance.md,
 * round fifteen). Any other query of the manager (`manager.query`, a repository) sends the BEGIN first
 * if no list carried it yet, so every statement of `work` is inside the transaction however it is sent.
 * Without `commitWith`, COMMIT goes on its own after `work`; on a failure the transaction is rolled back.
 */
export async function inFoldedTransaction<T>(
  dataSource: DataSource,
  work: (
    manager: EntityManager,
    commitWith: (statements: readonly Statement[]) => Promise<Array<Array<Record<string, unknown>>>>,
  ) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const fold: Fold = { begun: false };
  let committed = false;
  folds.set(runner, fold);
  const query = runner.query.bind(runner);
  runner.query = async (...args: Parameters<QueryRunner['query']>) => {
    if (!fold.begun) {
      fold.begun = true;
      await query('BEGIN');
    }
    return query(...args);
  };
  // TypeORM starts a transaction of its own for a repository's save unless one is active: this one is.
  const transaction = runner as { isTransactionActive: boolean };
  transaction.isTransactionActive = true;
  const commitWith = async (statements: readonly Statement[]) => {
    if (committed) throw new Error('the transaction is committed already');
    const results = await foldedStatements(runner, [...statements, { sql: 'COMMIT' }]);
    committed = true;
    return results.slice(0, statements.length);
  };
  try {
    const result = await work(runner.manager, commitWith);
    if (!committed && fold.begun) await query('COMMIT');
    committed = true;
    return result;
  } catch (error) {
    // A failed COMMIT (or a failure after it) leaves nothing to roll back; a ROLLBACK then only warns.
    if (fold.begun && !committed) await query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    transaction.isTransactionActive = false;
    await runner.release();
  }
}
