import type { DataSource, EntityManager } from 'typeorm';
import { pendingBegins, queryStatements, type Statement } from './statement-list';

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
  const begun = () => !pendingBegins.has(runner);
  let committed = false;
  pendingBegins.add(runner);
  const query = runner.query.bind(runner);
  runner.query = async (...args: Parameters<typeof query>) => {
    if (pendingBegins.delete(runner)) await query('BEGIN');
    return query(...args);
  };
  // TypeORM starts a transaction of its own for a repository's save unless one is active: this one is.
  const transaction = runner as { isTransactionActive: boolean };
  transaction.isTransactionActive = true;
  const commitWith = async (statements: readonly Statement[]) => {
    if (committed) throw new Error('the transaction is committed already');
    const results = await queryStatements(runner.manager, [...statements, { sql: 'COMMIT' }]);
    committed = true;
    return results.slice(0, statements.length);
  };
  try {
    const result = await work(runner.manager, commitWith);
    if (!committed && begun()) await query('COMMIT');
    committed = true;
    return result;
  } catch (error) {
    // A failed COMMIT (or a failure after it) leaves nothing to roll back; a ROLLBACK then only warns.
    if (begun() && !committed) await query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    transaction.isTransactionActive = false;
    await runner.release();
  }
}
