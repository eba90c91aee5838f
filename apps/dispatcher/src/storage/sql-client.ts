import type { DataSource, QueryRunner } from 'typeorm';

export type Rows = <T>(sql: string, parameters?: unknown[]) => Promise<T[]>;

/**
 * Plain SQL on the service's data source, for the delivery schedule's set-based statements (multi-row
 * inserts from arrays, `FOR UPDATE SKIP LOCKED` claims) that an ORM would turn into row-by-row work.
 * The dispatcher's one client of its schema, owned by no feature: every feature's store (deliveries,
 * failure streaks, rate buckets, signing keys) writes its own tables through it.
 * Results are always the returned rows, whatever the statement (TypeORM's raw result differs for
 * UPDATE and DELETE).
 */
export class SqlClient {
  constructor(
    private readonly dataSource: DataSource,
    readonly schema: string,
  ) {}

  /** A table of this service's schema, quoted for SQL. */
  table(name: string): string {
    return `"${this.schema}"."${name}"`;
  }

  async rows<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await query<T>(runner, sql, parameters);
    } finally {
      await runner.release();
    }
  }

  async transaction<T>(work: (rows: Rows) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const result = await work((sql, parameters = []) => query(runner, sql, parameters));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}

async function query<T>(runner: QueryRunner, sql: string, parameters: unknown[]): Promise<T[]> {
  const result = await runner.query(sql, parameters, true);
  return result.records as T[];
}
